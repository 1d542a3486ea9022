package io.inmesh.xds.ads;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.xds.XdsConfigSource;
import io.inmesh.xds.XdsProtocol;
import io.inmesh.xds.XdsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Names that do not exist, against a real java-control-plane, which in SotW ADS answers nothing of
 * a type while any requested name is unknown.
 */
class AbsentNameTest {
  static final String NODE = "node-1";

  /** The production default: the flake was a mesh name taken for absent by this timer. */
  static final Duration DNE = XdsSettings.DEFAULT_DOES_NOT_EXIST_TIMEOUT;

  final List<AutoCloseable> closeables = new ArrayList<>();
  final List<String> log = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  XdsConfigSource source(XdsProtocol protocol, TestControlPlane cp) {
    XdsConfigSource source =
        new XdsConfigSource(
            XdsSettings.builder("127.0.0.1", cp.port())
                .protocol(protocol)
                .nodeId(NODE)
                .service("client-svc")
                .doesNotExistTimeout(DNE)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .log(log::add)
                .build());
    closeables.add(source);
    source.start();
    return source;
  }

  TestControlPlane server() throws Exception {
    TestControlPlane cp = TestControlPlane.start();
    closeables.add(cp);
    return cp;
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void meshNameAskedSoonAfterAnAbsentOneIsFoundBeforeItsTimer(XdsProtocol protocol)
      throws Exception {
    // The flake: an app called 127.0.0.1:44443 (no such Listener), then abortpct:9080; both went
    // out in one LDS request, the server withheld its answer, and the mesh name was taken for
    // absent when its 1 s timer ran out.
    TestControlPlane cp = server();
    MeshResources mesh =
        MeshResources.service("api", 80, 9001)
            .addService("s100", 80, 9100)
            .addService("s300", 80, 9300)
            .addService("s500", 80, 9500);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(protocol, cp);
    assertThat(source.requestListener("api:80").get(10, TimeUnit.SECONDS).lookup("api:80"))
        .isEqualTo(MeshSnapshot.Lookup.FOUND); // connected and warm

    for (int delayMillis : new int[] {100, 300, 500}) {
      String absent = "127.0.0.1:" + (44000 + delayMillis);
      String meshName = "s" + delayMillis + ":80";
      source.requestListener(absent);
      Thread.sleep(delayMillis);
      long start = System.nanoTime();
      MeshSnapshot s = source.requestListener(meshName).get(10, TimeUnit.SECONDS);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.println(
          "AbsentNameTest: "
              + meshName
              + " after "
              + delayMillis
              + " ms took "
              + tookMillis
              + " ms");

      assertThat(s.lookup(meshName))
          .as("%s asked %d ms after %s, took %d ms", meshName, delayMillis, absent, tookMillis)
          .isEqualTo(MeshSnapshot.Lookup.FOUND);
      assertThat(tookMillis).as("%s", meshName).isLessThan(DNE.toMillis());
      XdsConfigSourceTest.await(
          absent + " absent", () -> source.snapshot().lookup(absent) == MeshSnapshot.Lookup.ABSENT);
      assertThat(source.snapshot().lookup(meshName)).isEqualTo(MeshSnapshot.Lookup.FOUND);
      assertThat(XdsConfigSourceTest.endpointPorts(source.snapshot(), "s" + delayMillis + "-eds"))
          .containsExactly(9000 + delayMillis);
    }
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void meshNameAskedTogetherWithAnAbsentOneIsFoundBeforeItsTimer(XdsProtocol protocol)
      throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001).addService("web", 8080, 9200);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(protocol, cp);
    source.requestListener("api:80").get(10, TimeUnit.SECONDS);

    long start = System.nanoTime();
    source.requestListener("127.0.0.1:44443");
    MeshSnapshot s = source.requestListener("web:8080").get(10, TimeUnit.SECONDS);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // FOUND is the assertion that matters: the request completes at the first answer, so had the
    // name's own timer run out first it would read ABSENT. How long it took (487 ms in one run
    // here, 832 ms under load) is printed, not asserted: the stall check, then a resend.
    assertThat(s.lookup("web:8080"))
        .as("took %d ms", tookMillis)
        .isEqualTo(MeshSnapshot.Lookup.FOUND);
    System.out.println(
        "AbsentNameTest: web:8080 asked with an absent name took " + tookMillis + " ms");
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void freshMeshNameAfterAnAbsentOneIsFoundBeforeItsTimer(XdsProtocol protocol) throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001).addService("web", 8080, 9200);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(protocol, cp);
    source.requestListener("127.0.0.1:44443");
    Thread.sleep(200);

    long start = System.nanoTime();
    MeshSnapshot s = source.requestListener("web:8080").get(10, TimeUnit.SECONDS);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(s.lookup("web:8080"))
        .as("took %d ms", tookMillis)
        .isEqualTo(MeshSnapshot.Lookup.FOUND);
    assertThat(tookMillis).isLessThan(DNE.toMillis());
    XdsConfigSourceTest.await(
        "the unknown name absent",
        () -> source.snapshot().lookup("127.0.0.1:44443") == MeshSnapshot.Lookup.ABSENT);
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void absentNameAddedToTheMeshLaterIsPickedUpWithoutRestart(XdsProtocol protocol)
      throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(protocol, cp);
    source.requestListener("api:80").get(10, TimeUnit.SECONDS);
    MeshSnapshot before = source.requestListener("late:80").get(10, TimeUnit.SECONDS);
    XdsConfigSourceTest.await(
        "late:80 absent", () -> source.snapshot().lookup("late:80") == MeshSnapshot.Lookup.ABSENT);
    // On-demand lookups of a name believed absent are answered from the snapshot, at once.
    assertThat(source.requestListener("late:80")).isCompleted();
    assertThat(before.lookup("late:80")).isNotEqualTo(MeshSnapshot.Lookup.FOUND);

    long added = System.nanoTime();
    mesh.addService("late", 80, 9300);
    mesh.ldsVersion++;
    mesh.rdsVersion++;
    mesh.cdsVersion++;
    mesh.edsVersion++;
    cp.set(NODE, mesh.snapshot());

    // The first re-check comes 4–6 s after the name was found absent.
    long deadline = added + TimeUnit.SECONDS.toNanos(9);
    while (XdsConfigSourceTest.endpointPorts(source.snapshot(), "late-eds").isEmpty()) {
      assertThat(System.nanoTime())
          .as("late:80 seen within the re-check bound")
          .isLessThan(deadline);
      Thread.sleep(20);
    }
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - added);
    System.out.println("AbsentNameTest: late:80 seen " + tookMillis + " ms after it was added");
    assertThat(source.snapshot().lookup("late:80")).isEqualTo(MeshSnapshot.Lookup.FOUND);
    assertThat(source.snapshot().lookup("api:80")).isEqualTo(MeshSnapshot.Lookup.FOUND);
    if (protocol == XdsProtocol.SOTW) {
      // Re-checks are paced: a handful of LDS requests name it, not a stream of them.
      long asked =
          cp.requests.stream()
              .filter(r -> r.getTypeUrl().endsWith("Listener"))
              .map(DiscoveryRequest::getResourceNamesList)
              .filter(names -> names.contains("late:80"))
              .count();
      assertThat(asked).isBetween(1L, 10L);
    }
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void absentNameDoesNotHoldBackUpdatesOfOthers(XdsProtocol protocol) throws Exception {
    TestControlPlane cp = server();
    MeshResources mesh = MeshResources.service("api", 80, 9001);
    cp.set(NODE, mesh.snapshot());
    XdsConfigSource source = source(protocol, cp);
    source.requestListener("api:80").get(10, TimeUnit.SECONDS);
    source.requestListener("gone:1").get(10, TimeUnit.SECONDS);
    XdsConfigSourceTest.await(
        "gone:1 absent", () -> source.snapshot().lookup("gone:1") == MeshSnapshot.Lookup.ABSENT);

    // A new listener pointing at the same routes: the LDS update must get through.
    mesh.listeners.add(MeshResources.listener("api2:80", "api-routes"));
    mesh.ldsVersion++;
    cp.set(NODE, mesh.snapshot());
    MeshSnapshot s = source.requestListener("api2:80").get(10, TimeUnit.SECONDS);
    assertThat(s.lookup("api2:80")).isEqualTo(MeshSnapshot.Lookup.FOUND);
  }
}
