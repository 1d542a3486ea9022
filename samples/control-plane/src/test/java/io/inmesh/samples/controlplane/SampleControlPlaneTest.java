package io.inmesh.samples.controlplane;

import static io.inmesh.samples.controlplane.AdsTestClient.CDS;
import static io.inmesh.samples.controlplane.AdsTestClient.EDS;
import static io.inmesh.samples.controlplane.AdsTestClient.LDS;
import static io.inmesh.samples.controlplane.AdsTestClient.RDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the control plane on a free port and reads it with a real ADS (SotW) client. */
class SampleControlPlaneTest {
  static final String MESH =
      """
      services:
        reviews:
          port: 9080
          versions: { v1: [127.0.0.1:19081], v2: [127.0.0.1:19082, 127.0.0.1:19092], v3: [127.0.0.1:19083] }
          routes:
            - match: { headers: { end-user: jason } }
              split: { v2: 100 }
            - split: { v1: 50, v2: 30, v3: 20 }
          retries: { attempts: 2, on: "5xx,connect-failure", perTryTimeout: 500ms }
          timeout: 2s
          fault: { abort: { status: 503, percent: 10 }, delay: { fixed: 100ms, percent: 2.5 } }
          circuitBreaker: { maxRequests: 50, maxPendingRequests: 10 }
          outlierDetection: { consecutive5xx: 3, interval: 1s, baseEjectionTime: 10s, maxEjectionPercent: 50 }
          loadBalancer: least-request
        ratings:
          port: 9080
          versions: { v1: [127.0.0.1:19090] }
      """;

  @TempDir Path dir;
  private SampleControlPlane cp;
  private final List<AdsTestClient> clients = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AdsTestClient c : clients) {
      c.close();
    }
    if (cp != null) {
      cp.close();
    }
  }

  @Test
  void servesListenerRouteClustersAndEndpointsForTheYaml() throws Exception {
    Path mesh = write(MESH);
    cp = SampleControlPlane.start(mesh, 0);
    AdsTestClient ads = client("reviews-1");

    ads.subscribe(LDS, List.of("reviews:9080"));
    Listener listener = only(ads.next(LDS), Listener.class);
    assertThat(listener.getName()).isEqualTo("reviews:9080");
    HttpConnectionManager hcm =
        listener.getApiListener().getApiListener().unpack(HttpConnectionManager.class);
    assertThat(hcm.getRds().getRouteConfigName()).isEqualTo("outbound|9080||reviews");
    assertThat(hcm.getRds().getConfigSource().hasAds()).isTrue();
    assertThat(hcm.getHttpFiltersList().stream().map(HttpFilter::getName))
        .containsExactly("envoy.filters.http.fault", "envoy.filters.http.router");

    ads.subscribe(RDS, List.of("outbound|9080||reviews"));
    RouteConfiguration rc = only(ads.next(RDS), RouteConfiguration.class);
    assertThat(rc.getVirtualHostsCount()).isEqualTo(1);
    assertThat(rc.getVirtualHosts(0).getDomainsList()).containsExactly("reviews", "reviews:9080");
    List<Route> routes = rc.getVirtualHosts(0).getRoutesList();
    assertThat(routes).hasSize(2);

    Route jason = routes.get(0);
    assertThat(jason.getMatch().getHeaders(0).getName()).isEqualTo("end-user");
    assertThat(jason.getMatch().getHeaders(0).getStringMatch().getExact()).isEqualTo("jason");
    assertThat(jason.getRoute().getCluster()).isEqualTo("outbound|9080|v2|reviews");

    Route split = routes.get(1);
    assertThat(split.getMatch().getPrefix()).isEqualTo("/");
    assertThat(weights(split))
        .containsExactly(
            Map.entry("outbound|9080|v1|reviews", 50),
            Map.entry("outbound|9080|v2|reviews", 30),
            Map.entry("outbound|9080|v3|reviews", 20));
    assertThat(split.getRoute().getTimeout().getSeconds()).isEqualTo(2);
    var retry = split.getRoute().getRetryPolicy();
    assertThat(retry.getRetryOn()).isEqualTo("5xx,connect-failure");
    assertThat(retry.getNumRetries().getValue()).isEqualTo(2);
    assertThat(retry.getPerTryTimeout().getNanos()).isEqualTo(500_000_000);

    HTTPFault fault =
        split.getTypedPerFilterConfigOrThrow("envoy.filters.http.fault").unpack(HTTPFault.class);
    assertThat(fault.getAbort().getHttpStatus()).isEqualTo(503);
    assertThat(fault.getAbort().getPercentage().getNumerator()).isEqualTo(10);
    assertThat(fault.getAbort().getPercentage().getDenominator())
        .isEqualTo(FractionalPercent.DenominatorType.HUNDRED);
    assertThat(fault.getDelay().getFixedDelay().getNanos()).isEqualTo(100_000_000);
    assertThat(fault.getDelay().getPercentage().getNumerator()).isEqualTo(25_000);
    assertThat(fault.getDelay().getPercentage().getDenominator())
        .isEqualTo(FractionalPercent.DenominatorType.MILLION);

    ads.subscribe(CDS, List.of());
    Map<String, Cluster> clusters = byName(ads.next(CDS), Cluster.class, Cluster::getName);
    assertThat(clusters)
        .containsOnlyKeys(
            "outbound|9080|v1|reviews",
            "outbound|9080|v2|reviews",
            "outbound|9080|v3|reviews",
            "outbound|9080|v1|ratings");
    Cluster v2 = clusters.get("outbound|9080|v2|reviews");
    assertThat(v2.getType()).isEqualTo(Cluster.DiscoveryType.EDS);
    assertThat(v2.getEdsClusterConfig().getServiceName()).isEqualTo("outbound|9080|v2|reviews");
    assertThat(v2.getLbPolicy()).isEqualTo(Cluster.LbPolicy.LEAST_REQUEST);
    assertThat(v2.getCircuitBreakers().getThresholds(0).getMaxRequests().getValue()).isEqualTo(50);
    assertThat(v2.getCircuitBreakers().getThresholds(0).getMaxPendingRequests().getValue())
        .isEqualTo(10);
    assertThat(v2.getCircuitBreakers().getThresholds(0).hasMaxConnections()).isFalse();
    assertThat(v2.getOutlierDetection().getConsecutive5Xx().getValue()).isEqualTo(3);
    assertThat(v2.getOutlierDetection().getBaseEjectionTime().getSeconds()).isEqualTo(10);
    assertThat(v2.getOutlierDetection().getMaxEjectionPercent().getValue()).isEqualTo(50);
    Cluster ratings = clusters.get("outbound|9080|v1|ratings");
    assertThat(ratings.getLbPolicy()).isEqualTo(Cluster.LbPolicy.ROUND_ROBIN);
    assertThat(ratings.hasCircuitBreakers()).isFalse();

    ads.subscribe(EDS, List.of("outbound|9080|v2|reviews"));
    ClusterLoadAssignment cla = only(ads.next(EDS), ClusterLoadAssignment.class);
    assertThat(cla.getClusterName()).isEqualTo("outbound|9080|v2|reviews");
    LocalityLbEndpoints locality = cla.getEndpoints(0);
    assertThat(locality.getLoadBalancingWeight().getValue()).isEqualTo(1);
    assertThat(
            locality.getLbEndpointsList().stream()
                .map(e -> e.getEndpoint().getAddress().getSocketAddress())
                .map(a -> a.getAddress() + ":" + a.getPortValue()))
        .containsExactly("127.0.0.1:19082", "127.0.0.1:19092");

    assertThat(cp.meshVersion()).isEqualTo(1);
  }

  @Test
  void pushesAChangedFileWithoutRepushingUnchangedTypes() throws Exception {
    Path mesh = write(MESH);
    cp = SampleControlPlane.start(mesh, 0);
    AdsTestClient ads = client("reviews-1");
    ads.subscribe(RDS, List.of("outbound|9080||reviews"));
    ads.subscribe(CDS, List.of());
    DiscoveryResponse firstRoutes = ads.next(RDS);
    DiscoveryResponse firstClusters = ads.next(CDS);

    replace(mesh, MESH.replace("split: { v1: 50, v2: 30, v3: 20 }", "split: { v3: 100 }"));

    DiscoveryResponse pushed = ads.next(RDS);
    assertThat(pushed.getVersionInfo()).isNotEqualTo(firstRoutes.getVersionInfo());
    Route last = only(pushed, RouteConfiguration.class).getVirtualHosts(0).getRoutes(1);
    assertThat(last.getRoute().getCluster()).isEqualTo("outbound|9080|v3|reviews");
    assertThat(cp.meshVersion()).isEqualTo(2);
    // Clusters did not change, so their version did not either and nothing was re-sent.
    assertThat(ads.poll(CDS, Duration.ofSeconds(1))).isNull();
    assertThat(firstClusters.getVersionInfo()).isEqualTo("1");
  }

  @Test
  void rejectsAnInvalidChangeAndKeepsServingTheOldMesh() throws Exception {
    Path mesh = write(MESH);
    cp = SampleControlPlane.start(mesh, 0);

    replace(mesh, MESH.replace("split: { v1: 50, v2: 30, v3: 20 }", "split: { v4: 100 }"));
    Thread.sleep(1_500); // three polls: long enough for the watcher to have seen and refused it
    assertThat(cp.meshVersion()).isEqualTo(1);

    // A client that connects now still gets the old routes.
    AdsTestClient late = client("reviews-2");
    late.subscribe(RDS, List.of("outbound|9080||reviews"));
    Route split = only(late.next(RDS), RouteConfiguration.class).getVirtualHosts(0).getRoutes(1);
    assertThat(weights(split)).containsKey("outbound|9080|v1|reviews").hasSize(3);

    // The watcher is still alive: the next valid change is served.
    replace(mesh, MESH.replace("split: { v1: 50, v2: 30, v3: 20 }", "split: { v1: 100 }"));
    Route fixed = only(late.next(RDS), RouteConfiguration.class).getVirtualHosts(0).getRoutes(1);
    assertThat(fixed.getRoute().getCluster()).isEqualTo("outbound|9080|v1|reviews");
    assertThat(cp.meshVersion()).isEqualTo(2);
  }

  @Test
  void refusesToStartOnAnInvalidFile() throws Exception {
    Path mesh = write("services:\n  reviews:\n    port: 9080\n");
    assertThatThrownBy(() -> SampleControlPlane.start(mesh, 0))
        .isInstanceOf(InvalidMeshException.class)
        .hasMessage("services.reviews.versions: required but missing");
  }

  private AdsTestClient client(String nodeId) {
    AdsTestClient c = new AdsTestClient(cp.port(), nodeId);
    clients.add(c);
    return c;
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("mesh.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** Replaces the file atomically, as editors and the demo do. */
  private void replace(Path file, String yaml) throws Exception {
    Path tmp = dir.resolve("mesh.yaml.tmp");
    Files.writeString(tmp, yaml);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static Map<String, Integer> weights(Route route) {
    return route.getRoute().getWeightedClusters().getClustersList().stream()
        .collect(
            Collectors.toMap(
                WeightedCluster.ClusterWeight::getName,
                w -> w.getWeight().getValue(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  static <T extends com.google.protobuf.Message> T only(DiscoveryResponse r, Class<T> type)
      throws Exception {
    assertThat(r.getResourcesCount()).isEqualTo(1);
    return r.getResources(0).unpack(type);
  }

  static <T extends com.google.protobuf.Message> Map<String, T> byName(
      DiscoveryResponse r, Class<T> type, java.util.function.Function<T, String> name)
      throws Exception {
    Map<String, T> out = new java.util.LinkedHashMap<>();
    for (Any any : r.getResourcesList()) {
      T t = any.unpack(type);
      out.put(name.apply(t), t);
    }
    return out;
  }
}
