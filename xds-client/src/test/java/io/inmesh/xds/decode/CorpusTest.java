package io.inmesh.xds.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inmesh.model.FaultConfig;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HttpFilter;
import io.inmesh.model.Listener;
import io.inmesh.model.PathMatch;
import io.inmesh.model.RouteConfiguration;
import io.inmesh.xds.file.ResourceDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks the shared conformance corpus (real control-plane output): every v3 resource decodes or is
 * rejected for a stated reason, and v2 resources are refused cleanly. Set {@code inmesh.xds.corpus}
 * to point elsewhere; the test is skipped when the corpus is absent.
 */
class CorpusTest {
  static Path corpus() {
    String configured = System.getProperty("inmesh.xds.corpus");
    return Path.of(configured != null ? configured : "../../shared/conformance/xds-corpus");
  }

  /** Per file: decoded listeners/routes/clusters/endpoints, then rejected and v2 counts. */
  private static final Map<String, String> EXPECTED = new TreeMap<>();

  static {
    EXPECTED.put("envoy-docs/retry-previous-priorities.yaml", "L1 R0 C1 E0 rejected0 v2:0");
    EXPECTED.put("envoy-docs/route-match-tree.yaml", "L0 R0 C4 E0 rejected1 v2:0");
    EXPECTED.put("envoy-examples/fault-injection_envoy.yaml", "L0 R0 C1 E0 rejected1 v2:0");
    EXPECTED.put("envoy-examples/locality-load-balancing_envoy.yaml", "L1 R0 C1 E0 rejected0 v2:0");
    EXPECTED.put("envoy-gateway/backend-priority.xds.yaml", "L1 R1 C3 E3 rejected0 v2:0");
    EXPECTED.put("envoy-gateway/circuit-breaker.xds.yaml", "L1 R1 C1 E1 rejected0 v2:0");
    EXPECTED.put("envoy-gateway/fault-injection.xds.yaml", "L1 R1 C5 E5 rejected0 v2:0");
    EXPECTED.put(
        "envoy-gateway/http-route-multiple-matches.xds.yaml", "L1 R1 C7 E7 rejected0 v2:0");
    EXPECTED.put("envoy-gateway/http-route-timeout.xds.yaml", "L2 R2 C7 E7 rejected0 v2:0");
    EXPECTED.put("envoy-gateway/http-route-weighted-zones.xds.yaml", "L1 R1 C3 E3 rejected0 v2:0");
    EXPECTED.put("envoy-gateway/passive-failure-percentage.xds.yaml", "L1 R1 C1 E1 rejected0 v2:0");
    EXPECTED.put("envoy-gateway/retry.xds.yaml", "L1 R1 C1 E1 rejected0 v2:0");
    EXPECTED.put("grpcdebug-trafficdirector/csds_config_dump.json", "L1 R1 C1 E1 rejected0 v2:0");
    EXPECTED.put(
        "istio/bookinfo-ambient-sidecar-v3.listeners-9080-virtualOutbound.configdump.json",
        "L2 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put(
        "istio/bookinfo-productpage-sidecar.clusters.configdump.json",
        "L0 R0 C0 E0 rejected0 v2:58");
    EXPECTED.put(
        "istio/bookinfo-productpage-sidecar.routes.configdump.json", "L0 R0 C0 E0 rejected0 v2:16");
    EXPECTED.put("istio/eds-outbound-v3.configdump.json", "L0 R0 C0 E35 rejected2 v2:0");
    EXPECTED.put("istio/grpcgen-test.xds_bootstrap.json", "L0 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put("istio/istio-agent.grpc-bootstrap.json", "L0 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put("istio/waypoint-full-v3.configdump.json", "L1 R1 C3 E1 rejected2 v2:0");
    EXPECTED.put(
        "kuma/e2e-meshcircuitbreaker-outbound.demo-client.golden.json",
        "L8 R0 C10 E2 rejected0 v2:0");
    EXPECTED.put("kuma/e2e-meshcircuitbreaker-outbound.input.yaml", "L0 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put(
        "kuma/e2e-meshfaultinjection-inbound-rules.input.yaml", "L0 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put(
        "kuma/e2e-meshfaultinjection-inbound-rules.test-server.golden.json",
        "L8 R0 C10 E2 rejected0 v2:0");
    EXPECTED.put(
        "kuma/e2e-meshloadbalancingstrategy-outbound-route-ringhash.demo-client.golden.json",
        "L8 R0 C10 E2 rejected0 v2:0");
    EXPECTED.put(
        "kuma/e2e-meshloadbalancingstrategy-outbound-route-ringhash.input.yaml",
        "L0 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put(
        "kuma/e2e-meshretry-outbound-route.demo-client.golden.json", "L8 R0 C10 E2 rejected0 v2:0");
    EXPECTED.put("kuma/e2e-meshretry-outbound-route.input.yaml", "L0 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put(
        "kuma/unit-meshhttproute-headers-match.listeners.golden.yaml",
        "L1 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put(
        "kuma/unit-meshloadbalancingstrategy-locality_aware_split.clusters.golden.yaml",
        "L0 R0 C3 E0 rejected0 v2:0");
    EXPECTED.put(
        "kuma/unit-meshloadbalancingstrategy-locality_aware_split.endpoints.golden.yaml",
        "L0 R0 C0 E2 rejected0 v2:0");
    EXPECTED.put(
        "kuma/unit-meshloadbalancingstrategy-locality_aware_split.listeners.golden.yaml",
        "L2 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put("kuma/unit-meshretry-grpc.listeners.golden.yaml", "L1 R0 C0 E0 rejected0 v2:0");
    EXPECTED.put(
        "kuma/unit-meshretry-http-real-meshhttproute.listeners.golden.yaml",
        "L1 R0 C0 E0 rejected0 v2:0");
  }

  /** Every rejection in the corpus, with its reason: each is a deliberate decision. */
  private static final List<String> EXPECTED_REJECTIONS =
      List.of(
          "envoy-docs/route-match-tree.yaml: resource listener_0: filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].matcher: matcher trees are not supported, use routes (virtual host local_service)",
          "envoy-examples/fault-injection_envoy.yaml: name: must not be empty",
          "istio/eds-outbound-v3.configdump.json: resource sds-grpc: endpoints[0].lb_endpoints[0].endpoint.address: only socket_address is supported, got PIPE",
          "istio/eds-outbound-v3.configdump.json: resource xds-grpc: endpoints[0].lb_endpoints[0].endpoint.address: only socket_address is supported, got PIPE",
          "istio/waypoint-full-v3.configdump.json: resource inbound-vip|8100|http|httpbin.default.svc.cluster.local: endpoints[0].lb_endpoints[0].endpoint.address: only socket_address is supported, got ENVOY_INTERNAL_ADDRESS",
          "istio/waypoint-full-v3.configdump.json: name: must not be empty");

  @Test
  void everyResourceDecodesOrIsRejectedForAStatedReason() throws Exception {
    Path root = corpus();
    assumeTrue(
        Files.isDirectory(root),
        "xDS corpus not found at " + root.toAbsolutePath() + " (set -Dinmesh.xds.corpus)");
    XdsDecoder decoder = new XdsDecoder();
    Map<String, String> actual = new TreeMap<>();
    List<String> rejections = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files =
          s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yaml"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      String rel = root.relativize(file).toString();
      Map<ResourceType, Integer> decoded = new EnumMap<>(ResourceType.class);
      int rejected = 0;
      int v2 = 0;
      for (ResourceDocuments.Entry e : ResourceDocuments.read(file)) {
        if (e.error() != null) {
          assertThat(e.error())
              .as(rel + " " + e.name())
              .isEqualTo("xDS v2 is not supported: " + e.typeUrl());
          assertThat(ResourceType.isV2(e.typeUrl())).isTrue();
          v2++;
          continue;
        }
        try {
          DecodedResource r = decoder.decode(e.resource());
          assertThat(r.name()).isNotEmpty();
          decoded.merge(r.type(), 1, Integer::sum);
        } catch (InvalidResourceException x) {
          rejected++;
          rejections.add(rel + ": " + x.getMessage());
        }
      }
      actual.put(
          rel,
          "L"
              + decoded.getOrDefault(ResourceType.LISTENER, 0)
              + " R"
              + decoded.getOrDefault(ResourceType.ROUTE_CONFIGURATION, 0)
              + " C"
              + decoded.getOrDefault(ResourceType.CLUSTER, 0)
              + " E"
              + decoded.getOrDefault(ResourceType.CLUSTER_LOAD_ASSIGNMENT, 0)
              + " rejected"
              + rejected
              + " v2:"
              + v2);
    }
    assertThat(actual).isEqualTo(EXPECTED);
    assertThat(rejections).containsExactlyInAnyOrderElementsOf(EXPECTED_REJECTIONS);
  }

  @Test
  void kumaFaultWrappedInExtensionWithMatcherDecodes() throws Exception {
    Path file =
        corpus().resolve("kuma/e2e-meshfaultinjection-inbound-rules.test-server.golden.json");
    assumeTrue(Files.isRegularFile(file), "xDS corpus not found");
    Listener inbound = null;
    for (ResourceDocuments.Entry e : ResourceDocuments.read(file)) {
      if (e.type() == ResourceType.LISTENER && e.name().equals("self_inbound_dp_80")) {
        inbound = new XdsDecoder().decode(e.resource()).model(Listener.class);
      }
    }
    assertThat(inbound).isNotNull();
    List<FaultConfig> faults =
        inbound.http().httpFilters().stream()
            .map(HttpFilter::config)
            .filter(FaultConfig.class::isInstance)
            .map(FaultConfig.class::cast)
            .toList();
    assertThat(faults).isNotEmpty();
    assertThat(faults)
        .anySatisfy(
            f -> {
              assertThat(f.abort().httpStatus()).isEqualTo(500);
              assertThat(f.abort().percentage()).isEqualTo(new FractionalPercent(250, 10_000));
            });
  }

  @Test
  void trafficDirectorProxylessListenerAndRoutes() throws Exception {
    Path file = corpus().resolve("grpcdebug-trafficdirector/csds_config_dump.json");
    assumeTrue(Files.isRegularFile(file), "xDS corpus not found");
    XdsDecoder decoder = new XdsDecoder();
    Map<String, DecodedResource> byName = new LinkedHashMap<>();
    for (ResourceDocuments.Entry e : ResourceDocuments.read(file)) {
      DecodedResource d = decoder.decode(e.resource());
      byName.put(d.type() + " " + d.name(), d);
    }
    Listener l = byName.get("LISTENER xds-test-server:1337").model(Listener.class);
    String rds = l.http().routeConfigName();
    assertThat(rds).startsWith("URL_MAP/");
    RouteConfiguration rc =
        byName.get("ROUTE_CONFIGURATION " + rds).model(RouteConfiguration.class);
    assertThat(rc.virtualHosts().get(0).domains()).contains("xds-test-server:1337");
    assertThat(rc.virtualHosts().get(0).routes())
        .anySatisfy(r -> assertThat(r.match().path()).isEqualTo(new PathMatch.Prefix("")));
  }
}
