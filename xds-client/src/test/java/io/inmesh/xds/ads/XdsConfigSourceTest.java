package io.inmesh.xds.ads;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.inmesh.model.ClusterLoadAssignment;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.RouteAction;
import io.inmesh.xds.XdsConfigSource;
import io.inmesh.xds.XdsProtocol;
import io.inmesh.xds.XdsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ADS client against a real java-control-plane server, in SotW and delta. */
class XdsConfigSourceTest {
  static final String NODE = "node-1";

  /**
   * Long, so that a cold first fetch on a busy machine completes {@code requestListener} by
   * resolving everything rather than by the timer.
   */
  static final Duration DNE = Duration.ofSeconds(10);

  /** For the tests that wait for the timer on purpose. */
  static final Duration SHORT_DNE = Duration.ofMillis(500);

  final List<AutoCloseable> closeables = new ArrayList<>();
  final List<String> log = new CopyOnWriteArrayList<>();
  @TempDir Path tmp;

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  TestControlPlane server() throws Exception {
    TestControlPlane cp = TestControlPlane.start();
    closeables.add(cp);
    return cp;
  }

  XdsSettings.Builder settings(XdsProtocol protocol, int port) {
    return XdsSettings.builder("127.0.0.1", port)
        .protocol(protocol)
        .nodeId(NODE)
        .service("client-svc")
        .doesNotExistTimeout(DNE)
        .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .log(log::add);
  }

  XdsConfigSource source(XdsSettings settings) {
    XdsConfigSource source = new XdsConfigSource(settings);
    closeables.add(source);
    source.start();
    return source;
  }

  static MeshSnapshot get(CompletableFuture<MeshSnapshot> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  /** Polls until the condition holds; fails after 10 s. */
  static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  static List<Integer> ports(ClusterLoadAssignment cla) {
    List<Integer> ports = new ArrayList<>();
    cla.localities()
        .forEach(
            l -> l.endpoints().stream().map(LbEndpoint::address).forEach(a -> ports.add(a.port())));
    return ports;
  }

  static List<Integer> endpointPorts(MeshSnapshot s, String eds) {
    ClusterLoadAssignment cla = s.loadAssignments().get(eds);
    return cla == null ? List.of() : ports(cla);
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void initialFetchFollowsListenerToRoutesClustersAndEndpoints(XdsProtocol protocol)
      throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001, 9002);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(settings(protocol, cp.port()).build());

    MeshSnapshot s = get(source.requestListener("api:80"));

    assertThat(s.lookup("api:80")).isEqualTo(MeshSnapshot.Lookup.FOUND);
    var listener = s.listeners().get("api:80");
    assertThat(listener.http().routeConfigName()).isEqualTo("api-routes");
    var routes = s.routesOf(listener);
    assertThat(routes).isNotNull();
    var action = (RouteAction.Forward) routes.virtualHosts().get(0).routes().get(0).action();
    assertThat(action.target()).isEqualTo(new RouteAction.ClusterTarget.Single("api-cluster"));
    var cluster = s.clusters().get("api-cluster");
    assertThat(cluster.edsServiceName()).isEqualTo("api-eds");
    assertThat(ports(s.endpointsOf(cluster))).containsExactlyInAnyOrder(9001, 9002);
    assertThat(source.snapshot()).isSameAs(s);

    // The node goes with every request (java-control-plane hashes it each time).
    await("requests recorded", () -> !cp.requests.isEmpty() || !cp.deltaRequests.isEmpty());
    List<io.envoyproxy.envoy.config.core.v3.Node> nodes = new ArrayList<>();
    cp.requests.forEach(r -> nodes.add(r.getNode()));
    cp.deltaRequests.forEach(r -> nodes.add(r.getNode()));
    assertThat(nodes).isNotEmpty();
    assertThat(nodes)
        .allSatisfy(
            n -> {
              assertThat(n.getId()).isEqualTo(NODE);
              assertThat(n.getCluster()).isEqualTo("client-svc");
              assertThat(n.getUserAgentName()).isEqualTo("inmesh");
            });
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void updateBecomesVisibleAndListenersAreToldAfterwards(XdsProtocol protocol) throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(settings(protocol, cp.port()).build());
    get(source.requestListener("api:80"));
    BlockingQueue<MeshSnapshot> told = new LinkedBlockingQueue<>();
    List<Boolean> visibleWhenTold = new CopyOnWriteArrayList<>();
    source.addListener(
        snap -> {
          visibleWhenTold.add(source.snapshot() == snap);
          told.add(snap);
        });

    mesh.endpoints.set(0, MeshResources.endpoints("api-eds", 9001, 9003));
    mesh.edsVersion++;
    cp.set(NODE, mesh.snapshot());

    MeshSnapshot updated = told.poll(10, TimeUnit.SECONDS);
    assertThat(updated).isNotNull();
    assertThat(told).isEmpty(); // one push, one new snapshot
    assertThat(endpointPorts(updated, "api-eds")).containsExactlyInAnyOrder(9001, 9003);
    assertThat(endpointPorts(source.snapshot(), "api-eds")).containsExactlyInAnyOrder(9001, 9003);
    assertThat(updated.listeners()).containsKey("api:80");
    assertThat(visibleWhenTold).containsOnly(true);
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void clusterNoLongerReferencedAndRemovedByServerLeavesTheModel(XdsProtocol protocol)
      throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(settings(protocol, cp.port()).build());
    get(source.requestListener("api:80"));

    // The route now points at a new cluster; the old cluster and its endpoints are gone.
    mesh.routes.set(0, MeshResources.routes("api-routes", "api-v2"));
    mesh.clusters.set(0, MeshResources.edsCluster("api-v2", "api-v2-eds"));
    mesh.endpoints.set(0, MeshResources.endpoints("api-v2-eds", 9100));
    mesh.rdsVersion++;
    mesh.cdsVersion++;
    mesh.edsVersion++;
    cp.set(NODE, mesh.snapshot());

    await(
        "new cluster with endpoints",
        () -> endpointPorts(source.snapshot(), "api-v2-eds").equals(List.of(9100)));
    MeshSnapshot s = source.snapshot();
    assertThat(s.clusters()).containsOnlyKeys("api-v2");
    assertThat(s.loadAssignments()).containsOnlyKeys("api-v2-eds");
  }

  @org.junit.jupiter.api.Test
  void deltaListenerRemovedByServerBecomesAbsent() throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001).addService("web", 8080, 9200);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(settings(XdsProtocol.DELTA, cp.port()).build());
    get(source.requestListener("api:80"));
    get(source.requestListener("web:8080"));

    mesh.listeners.remove(1);
    mesh.ldsVersion++;
    cp.set(NODE, mesh.snapshot());

    await(
        "web:8080 absent",
        () -> source.snapshot().lookup("web:8080") == MeshSnapshot.Lookup.ABSENT);
    assertThat(source.snapshot().lookup("api:80")).isEqualTo(MeshSnapshot.Lookup.FOUND);
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void listenerRequestedOnDemandIsAddedToTheSubscription(XdsProtocol protocol) throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001).addService("web", 8080, 9200);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source =
        source(settings(protocol, cp.port()).eagerListeners(List.of("api:80")).build());
    await("eager listener", () -> !endpointPorts(source.snapshot(), "api-eds").isEmpty());
    assertThat(source.snapshot().listeners()).containsOnlyKeys("api:80");

    MeshSnapshot s = get(source.requestListener("web:8080"));

    assertThat(s.listeners()).containsOnlyKeys("api:80", "web:8080");
    assertThat(endpointPorts(s, "web-eds")).containsExactly(9200);
    assertThat(endpointPorts(s, "api-eds")).containsExactly(9001);
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void unknownNameBecomesAbsentAndOthersKeepUpdating(XdsProtocol protocol) throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source =
        source(settings(protocol, cp.port()).doesNotExistTimeout(SHORT_DNE).build());
    get(source.requestListener("api:80"));

    long start = System.nanoTime();
    MeshSnapshot s = get(source.requestListener("example.com:443"));
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(s.lookup("example.com:443")).isEqualTo(MeshSnapshot.Lookup.ABSENT);
    assertThat(waitedMillis).isLessThan(5_000); // the timer, not a hang
    // A second ask is answered from the snapshot, at once.
    assertThat(source.requestListener("example.com:443")).isCompleted();

    // The server stays silent about unknown names (SotW ADS): the client must drop the name so
    // that the server answers again.
    mesh.endpoints.set(0, MeshResources.endpoints("api-eds", 9001, 9005));
    mesh.edsVersion++;
    mesh.listeners.add(MeshResources.listener("late:80", "api-routes"));
    mesh.ldsVersion++;
    cp.set(NODE, mesh.snapshot());
    await(
        "update after an absent name",
        () -> endpointPorts(source.snapshot(), "api-eds").size() == 2);
    source.requestListener("late:80");
    await("late listener", () -> source.snapshot().lookup("late:80") == MeshSnapshot.Lookup.FOUND);
    assertThat(source.snapshot().lookup("example.com:443")).isEqualTo(MeshSnapshot.Lookup.ABSENT);
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void aListenerIsVisibleOnlyWithEverythingItReferences(XdsProtocol protocol) throws Exception {
    // Envoy warms a listener before using it. The types arrive one response at a time (LDS, then
    // RDS, CDS, EDS); a snapshot showing the listener without its routes or clusters made the
    // engine pass calls through or answer 503 for ~100 ms after every new service.
    TestControlPlane cp = server();
    cp.set(NODE, MeshResources.service("api", 80, 9001).snapshot());
    XdsConfigSource source = source(settings(protocol, cp.port()).build());
    List<MeshSnapshot> seen = new CopyOnWriteArrayList<>();
    source.addListener(seen::add);

    MeshSnapshot settled = get(source.requestListener("api:80"));

    assertThat(settled.lookup("api:80")).isEqualTo(MeshSnapshot.Lookup.FOUND);
    for (MeshSnapshot s : seen) {
      if (s.listeners().containsKey("api:80")) {
        assertThat(s.routesOf(s.listeners().get("api:80"))).as(s.version()).isNotNull();
        assertThat(s.clusters()).as(s.version()).isNotEmpty();
        assertThat(endpointPorts(s, "api-eds")).as(s.version()).containsExactly(9001);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void answerArrivingAfterTheTimerStillMakesTheNameFound(XdsProtocol protocol) throws Exception {
    // On a loaded machine the server's first answer can come after the does-not-exist timer
    // (seen: 1.7 s against a 1 s timer). A 1 ms timer makes that race certain here.
    TestControlPlane cp = server();
    cp.set(NODE, MeshResources.service("api", 80, 9001).snapshot());
    XdsConfigSource source =
        source(settings(protocol, cp.port()).doesNotExistTimeout(Duration.ofMillis(1)).build());

    source.requestListener("api:80");

    await(
        "the late answer to be taken",
        () -> source.snapshot().lookup("api:80") == MeshSnapshot.Lookup.FOUND);
    await("its endpoints", () -> endpointPorts(source.snapshot(), "api-eds").contains(9001));
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void realAndUnknownNameAskedTogetherAreToldApart(XdsProtocol protocol) throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source =
        source(settings(protocol, cp.port()).doesNotExistTimeout(SHORT_DNE).build());

    CompletableFuture<MeshSnapshot> unknown = source.requestListener("unknown:1");
    CompletableFuture<MeshSnapshot> real = source.requestListener("api:80");
    get(unknown);
    get(real);

    await(
        "both settled",
        () ->
            source.snapshot().lookup("api:80") == MeshSnapshot.Lookup.FOUND
                && source.snapshot().lookup("unknown:1") == MeshSnapshot.Lookup.ABSENT
                && !endpointPorts(source.snapshot(), "api-eds").isEmpty());
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void invalidResourceIsNackedWithReasonAndOldConfigStays(XdsProtocol protocol) throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(settings(protocol, cp.port()).build());
    MeshSnapshot before = get(source.requestListener("api:80"));
    var goodRoutes = before.routeConfigurations().get("api-routes");

    mesh.routes.set(0, MeshResources.invalidRoutes("api-routes"));
    mesh.rdsVersion++;
    cp.set(NODE, mesh.snapshot());

    await("NACK at the server", () -> !cp.nackMessages().isEmpty());
    assertThat(cp.nackMessages().get(0)).contains("api-routes").contains("domain");
    if (protocol == XdsProtocol.SOTW) {
      DiscoveryRequest nack =
          cp.requests.stream().filter(DiscoveryRequest::hasErrorDetail).findFirst().orElseThrow();
      // A SotW NACK keeps the last accepted version of the type.
      assertThat(nack.getVersionInfo()).isEqualTo("r0");
    }
    // The server re-sends the rejected config at once after each NACK; the client backs off.
    Thread.sleep(1_500);
    int nacks = cp.nackMessages().size();
    assertThat(nacks).isBetween(1, 20);
    assertThat(source.snapshot().routeConfigurations().get("api-routes")).isEqualTo(goodRoutes);

    // A fixed config is accepted again.
    mesh.routes.set(0, MeshResources.routes("api-routes", "api-cluster"));
    mesh.routes.set(
        0,
        mesh.routes.get(0).toBuilder()
            .setVirtualHosts(0, mesh.routes.get(0).getVirtualHosts(0).toBuilder().addDomains("api"))
            .build());
    mesh.rdsVersion++;
    cp.set(NODE, mesh.snapshot());
    await(
        "fixed routes accepted",
        () ->
            source
                .snapshot()
                .routeConfigurations()
                .get("api-routes")
                .virtualHosts()
                .get(0)
                .domains()
                .contains("api"));
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void modelSurvivesServerRestartAndResubscribes(XdsProtocol protocol) throws Exception {
    TestControlPlane cp = TestControlPlane.start();
    int port = cp.port();
    MeshResources mesh = MeshResources.service("api", 80, 9001);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(settings(protocol, port).build());
    get(source.requestListener("api:80"));
    MeshSnapshot before = source.snapshot();

    cp.close();
    await(
        "client noticed the outage", () -> log.stream().anyMatch(l -> l.contains("reconnecting")));
    Thread.sleep(300);
    assertThat(source.snapshot()).isSameAs(before);
    assertThat(get(source.requestListener("api:80")).lookup("api:80"))
        .isEqualTo(MeshSnapshot.Lookup.FOUND);

    TestControlPlane restarted = TestControlPlane.start(port, null);
    closeables.add(restarted);
    mesh.endpoints.set(0, MeshResources.endpoints("api-eds", 9007));
    mesh.edsVersion++;
    restarted.set(NODE, mesh.snapshot());

    await(
        "config from the restarted server",
        () -> endpointPorts(source.snapshot(), "api-eds").equals(List.of(9007)));
    Predicate<List<String>> hasListener = names -> names.contains("api:80");
    if (protocol == XdsProtocol.SOTW) {
      assertThat(restarted.requests)
          .anySatisfy(r -> assertThat(hasListener.test(r.getResourceNamesList())).isTrue());
    } else {
      assertThat(restarted.deltaRequests)
          .anySatisfy(
              r -> assertThat(hasListener.test(r.getResourceNamesSubscribeList())).isTrue());
    }
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void cacheFileRestoresTheModelWhenTheServerIsDown(XdsProtocol protocol) throws Exception {
    Path cache = tmp.resolve("xds-cache.bin");
    TestControlPlane cp = TestControlPlane.start();
    int port = cp.port();
    MeshResources mesh = MeshResources.service("api", 80, 9001, 9002);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource first = new XdsConfigSource(settings(protocol, port).cacheFile(cache).build());
    first.start();
    get(first.requestListener("api:80"));
    await("cache written", () -> cache.toFile().length() > 0);
    Thread.sleep(700); // let a write coalescing the last changes finish
    first.close();
    cp.close();

    XdsConfigSource second = source(settings(protocol, port).cacheFile(cache).build());
    await("restored", () -> second.snapshot().lookup("api:80") == MeshSnapshot.Lookup.FOUND);
    MeshSnapshot s = get(second.requestListener("api:80"));
    assertThat(s.lookup("api:80")).isEqualTo(MeshSnapshot.Lookup.FOUND);
    assertThat(endpointPorts(s, "api-eds")).containsExactlyInAnyOrder(9001, 9002);
    assertThat(s.clusters()).containsOnlyKeys("api-cluster");
    assertThat(s.routeConfigurations()).containsOnlyKeys("api-routes");
  }
}
