package io.inmesh.engine.golden;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inmesh.engine.MeshCall;
import io.inmesh.engine.MeshEngine;
import io.inmesh.engine.SimpleRequest;
import io.inmesh.engine.testing.MeshFixture;
import io.inmesh.engine.testing.MeshFixture.TestClock;
import io.inmesh.model.Cluster;
import io.inmesh.model.ClusterLoadAssignment;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.LbPolicy;
import io.inmesh.model.Listener;
import io.inmesh.model.LocalityEndpoints;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.RouteConfiguration;
import io.inmesh.xds.decode.DecodedResource;
import io.inmesh.xds.decode.InvalidResourceException;
import io.inmesh.xds.decode.ResourceType;
import io.inmesh.xds.decode.SnapshotAssembler;
import io.inmesh.xds.decode.XdsDecoder;
import io.inmesh.xds.file.ResourceDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mesh snapshot made from files of the shared xDS corpus ({@code
 * /work/shared/conformance/xds-corpus}, or {@code -Dinmesh.xds.corpus}), decoded by the real
 * xds-client decoder, plus the two things a golden test adds to reach a route table through the
 * engine's public API:
 *
 * <ul>
 *   <li>{@link #expose}: a proxyless {@code host:port} listener carrying the HCM (filters and route
 *       config) of a sidecar-style listener of the file, as a control plane would name it for a
 *       proxyless client;
 *   <li>stub clusters for clusters the route configs name but the file does not hold: an EDS
 *       cluster when the file set has its endpoints, else a STATIC one on {@value #STUB_HOST}, so
 *       the chosen route and cluster are observable.
 * </ul>
 *
 * Resources the decoder rejects (v2, pipes, matcher trees...) are left out: {@code CorpusTest} in
 * xds-client pins which ones and why.
 */
final class GoldenMesh {
  static final String STUB_HOST = "192.0.2.1";

  private final Map<String, Listener> listeners = new LinkedHashMap<>();
  private final Map<String, RouteConfiguration> routes = new LinkedHashMap<>();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Map<String, ClusterLoadAssignment> endpoints = new LinkedHashMap<>();
  private final Set<String> referencedClusters = new LinkedHashSet<>();
  private final XdsDecoder decoder = new XdsDecoder();

  static Path corpus() {
    String configured = System.getProperty("inmesh.xds.corpus");
    return Path.of(configured != null ? configured : "../../shared/conformance/xds-corpus");
  }

  /** Skips the calling test (with the reason) when the corpus is not on this machine. */
  static void assumeCorpus() {
    assumeTrue(
        Files.isDirectory(corpus()),
        "xDS corpus not found at " + corpus().toAbsolutePath() + " (set -Dinmesh.xds.corpus)");
  }

  /** Everything the decoder accepts in these corpus files (paths relative to the corpus). */
  static GoldenMesh of(String... files) {
    GoldenMesh m = new GoldenMesh();
    for (String f : files) {
      m.add(read(f), f);
    }
    return m;
  }

  /**
   * Adds an Istio 1.1 xDS v2 route dump with its resources' type URL renamed to v3: the v2 and v3
   * RouteConfiguration JSON are the same for the fields these dumps use, and Istio still emits the
   * same shapes in v3 (README of the corpus: "map v2 to v3").
   */
  GoldenMesh withV2RoutesAsV3(String file) {
    String text =
        readText(file)
            .replace(
                "type.googleapis.com/envoy.api.v2.RouteConfiguration",
                "type.googleapis.com/envoy.config.route.v3.RouteConfiguration");
    add(ResourceDocuments.parse(text, file), file);
    return this;
  }

  /**
   * Adds a proxyless listener named {@code hostPort} with the HCM of the file's listener {@code
   * listenerName} (its filter chain and its route config, RDS or inline).
   */
  GoldenMesh expose(String listenerName, String hostPort) {
    Listener l = listeners.get(listenerName);
    if (l == null || l.http() == null) {
      throw new IllegalArgumentException(
          "no HTTP listener " + listenerName + " in " + listeners.keySet());
    }
    listeners.put(hostPort, new Listener(hostPort, null, l.http(), null));
    return this;
  }

  /**
   * Gives an EDS cluster whose endpoints the file lacks one endpoint on {@value #STUB_HOST}, as if
   * EDS had answered: for checks that need a routed call (timeouts) rather than Envoy's 503.
   */
  GoldenMesh stubEndpoints(String cluster) {
    endpoints.put(
        cluster,
        ClusterLoadAssignment.of(
            cluster,
            List.of(new LocalityEndpoints(null, List.of(LbEndpoint.of(STUB_HOST, 80)), 1, 0))));
    return this;
  }

  Listener listener(String name) {
    return listeners.get(name);
  }

  MeshSnapshot snapshot() {
    Map<String, Cluster> all = new LinkedHashMap<>(clusters);
    for (String name : referencedClusters) {
      if (!all.containsKey(name)) {
        all.put(name, stub(name));
      }
    }
    List<DecodedResource> resources = new ArrayList<>();
    listeners.forEach((n, l) -> resources.add(decoded(ResourceType.LISTENER, n, l)));
    routes.forEach((n, r) -> resources.add(decoded(ResourceType.ROUTE_CONFIGURATION, n, r)));
    all.forEach((n, c) -> resources.add(decoded(ResourceType.CLUSTER, n, c)));
    endpoints.forEach((n, e) -> resources.add(decoded(ResourceType.CLUSTER_LOAD_ASSIGNMENT, n, e)));
    try {
      return SnapshotAssembler.assemble("golden", resources, Set.of());
    } catch (InvalidResourceException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An engine over the snapshot with a fixed seed and a clock that moves only by hand. */
  Golden engine(long seed) {
    TestClock clock = new TestClock();
    return new Golden(MeshFixture.engine(snapshot(), clock, seed), clock);
  }

  private Cluster stub(String name) {
    if (endpoints.containsKey(name)) {
      return new Cluster(
          name,
          Cluster.DiscoveryType.EDS,
          name,
          null,
          LbPolicy.ROUND_ROBIN,
          null,
          null,
          null,
          null,
          50,
          null);
    }
    return MeshFixture.cluster(name, STUB_HOST + ":80");
  }

  private static DecodedResource decoded(ResourceType type, String name, Object model) {
    return new DecodedResource(type, name, model, Map.of());
  }

  private void add(List<ResourceDocuments.Entry> entries, String file) {
    int decoded = 0;
    for (ResourceDocuments.Entry e : entries) {
      if (e.error() != null) {
        continue;
      }
      DecodedResource r;
      try {
        r = decoder.decode(e.resource());
      } catch (InvalidResourceException x) {
        continue;
      }
      decoded++;
      referencedClusters.addAll(r.references(ResourceType.CLUSTER));
      switch (r.type()) {
        case LISTENER -> listeners.put(r.name(), r.model(Listener.class));
        case ROUTE_CONFIGURATION -> routes.put(r.name(), r.model(RouteConfiguration.class));
        case CLUSTER -> clusters.put(r.name(), r.model(Cluster.class));
        case CLUSTER_LOAD_ASSIGNMENT ->
            endpoints.put(r.name(), r.model(ClusterLoadAssignment.class));
      }
    }
    if (decoded == 0) {
      throw new IllegalStateException(file + ": nothing decoded");
    }
  }

  private static List<ResourceDocuments.Entry> read(String file) {
    try {
      return ResourceDocuments.read(corpus().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readText(String file) {
    try {
      return Files.readString(corpus().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An engine with its clock, and the decision of one request in a form a table can hold. */
  record Golden(MeshEngine engine, TestClock clock) {
    /**
     * What the engine decided: {@code cluster <name> route <name>}; {@code local <status>} (no
     * route), followed by the cluster and route when one was chosen (fault abort, no healthy
     * host...); or {@code pass-through}.
     */
    String decide(SimpleRequest request) {
      MeshCall call = engine.start(request);
      if (call == null) {
        return "pass-through";
      }
      try {
        if (call.localReply() != null) {
          int grpc = call.localReply().grpcStatus();
          return "local "
              + call.localReply().status()
              + (grpc >= 0 ? " grpc " + grpc : "")
              + (call.cluster() == null
                  ? ""
                  : " cluster " + call.cluster() + " route " + call.routeName());
        }
        return "cluster " + call.cluster() + " route " + call.routeName();
      } finally {
        call.cancel();
      }
    }
  }
}
