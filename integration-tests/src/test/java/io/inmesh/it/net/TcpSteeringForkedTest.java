package io.inmesh.it.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.it.ForkedJvm;
import io.inmesh.it.Jdk;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jdk-dns and jdk-net hooks with the real agent in a forked JVM (JDK 17 and 25), against two
 * real redis-server processes on loopback: raw Socket, NIO (selector and blocking), Netty NIO and
 * Jedis reach mesh endpoints by service name and by listener address with the cluster's weights, a
 * dead endpoint is skipped and then ejected, non-mesh names and addresses are untouched, and a DNS
 * answer follows an EDS change.
 */
class TcpSteeringForkedTest {
  private static final String LISTENER_IP =
      "127.0.0.77"; // nothing listens here: only steering works
  private static final int SERVICE_PORT = 6379;
  private static final String EJECT_AFTER_TWO =
      "{\"split_external_local_origin_errors\":true,\"consecutive_local_origin_failure\":2,"
          + "\"enforcing_consecutive_local_origin_failure\":100,\"base_ejection_time\":\"60s\","
          + "\"max_ejection_percent\":50}";
  private static final Pattern PHASE =
      Pattern.compile(
          "phase (\\S+) answered=(\\S*) failures=(\\d+) steered=(-?\\d+) failedAttempts=(-?\\d+)"
              + " hookErrors=(\\d+)");

  @TempDir Path dir;

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void clientsReachWeightedEndpointsByNameAndListenerAddress(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    try (RedisServers redis = RedisServers.start(2)) {
      int a = redis.port(0);
      int b = redis.port(1);
      Path mesh = dir.resolve("mesh.json");
      new TcpMeshFile()
          .service("redis", SERVICE_PORT, LISTENER_IP, "redis")
          .service("cache", SERVICE_PORT, null, "redis")
          .cluster("redis", null, "127.0.0.1:" + a + "=3", "127.0.0.1:" + b + "=1")
          .writeTo(mesh);
      List<String> phases =
          new ArrayList<>(
              List.of(
                  "resolve,cache",
                  "resolve,redis",
                  "resolve,localhost",
                  "socket,cache,6379,8",
                  "socket," + LISTENER_IP + ",6379,8",
                  "nio,cache,6379,8",
                  "nio-blocking,redis,6379,8",
                  "jedis,redis,6379,8",
                  "jedis," + LISTENER_IP + ",6379,8",
                  "netty,cache,6379,8",
                  "netty," + LISTENER_IP + ",6379,8",
                  "socket,localhost," + a + ",3",
                  "jedis,127.0.0.1," + b + ",3"));
      if (feature >= 21) {
        phases.add("virtual,cache,6379,8");
      }
      ForkedJvm.Result r = app(jdk, mesh, "cache").args(phases.toArray(String[]::new)).run();
      assertThat(r.exitCode()).as(r.toString()).isZero();

      // A virtual address for a name without a listener address, the listener address otherwise.
      assertThat(r.stdout())
          .as(r.toString())
          .containsPattern("resolved cache=\\[cache/127\\.255\\.\\d+\\.\\d+\\]");
      assertThat(r.stdout()).contains("resolved redis=[redis/" + LISTENER_IP + "]");
      assertThat(r.stdout()).containsPattern("resolved localhost=\\[[^\\]]*127\\.0\\.0\\.1");

      Map<String, Phase> results = phases(r);
      for (String phase : phases) {
        if (phase.startsWith("resolve")
            || phase.contains("localhost")
            || phase.contains(",127.0.0.1,")) {
          continue;
        }
        Phase p = results.get(phase);
        assertThat(p).as("phase %s in %s", phase, r).isNotNull();
        assertThat(p.failures).as("%s: %s", phase, r).isZero();
        assertThat(p.steered).as("%s steered", phase).isEqualTo(8);
        // Weighted round robin 3:1 over 8 connections (the balancer's position carries over
        // between phases, so allow one either way).
        assertThat(p.count(a)).as("%s on the weight-3 server: %s", phase, p).isBetween(5, 7);
        assertThat(p.count(a) + p.count(b)).as(phase).isEqualTo(8);
      }
      // Not mesh addresses: connected as asked, never steered.
      Phase local = results.get("socket,localhost," + a + ",3");
      assertThat(local.steered).isZero();
      assertThat(local.count(a)).isEqualTo(3);
      Phase direct = results.get("jedis,127.0.0.1," + b + ",3");
      assertThat(direct.steered).isZero();
      assertThat(direct.count(b)).isEqualTo(3);
      assertThat(local.hookErrors).as("advice errors").isZero();
    }
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void deadEndpointIsSkippedThenEjected(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    try (RedisServers redis = RedisServers.start(1)) {
      int live = redis.port(0);
      Path mesh = dir.resolve("mesh.json");
      TcpMeshFile file = new TcpMeshFile();
      for (String client : List.of("socket", "jedis", "nio", "netty")) {
        file.service("flaky-" + client, SERVICE_PORT, null, "flaky-" + client)
            .cluster(
                "flaky-" + client,
                EJECT_AFTER_TWO,
                "127.0.0.1:" + live,
                "127.0.0.1:" + RedisServers.freePort());
      }
      file.writeTo(mesh);
      ForkedJvm.Result r =
          app(jdk, mesh, "flaky-socket")
              .args(
                  "socket,flaky-socket,6379,10",
                  "socket,flaky-socket,6379,10",
                  "jedis,flaky-jedis,6379,10",
                  "jedis,flaky-jedis,6379,10",
                  "nio,flaky-nio,6379,10",
                  "nio,flaky-nio,6379,10",
                  "netty,flaky-netty,6379,10",
                  "netty,flaky-netty,6379,10")
              .run();
      assertThat(r.exitCode()).as(r.toString()).isZero();
      List<Phase> all = phaseList(r);
      assertThat(all).hasSize(8);
      for (int i = 0; i < 8; i += 2) {
        Phase first = all.get(i);
        Phase second = all.get(i + 1);
        boolean blocking = first.spec.startsWith("socket") || first.spec.startsWith("jedis");
        // The dead endpoint fails exactly twice (consecutive_local_origin_failure: 2), then it is
        // ejected and never tried again.
        assertThat(first.failedAttempts).as("%s in %s", first.spec, r).isEqualTo(2);
        assertThat(second.failedAttempts).as(second.spec).isZero();
        assertThat(second.failures).as(second.spec).isZero();
        assertThat(second.count(live)).as(second.spec).isEqualTo(10);
        if (blocking) {
          // Blocking connects retry on the next endpoint in place: the app never notices.
          assertThat(first.failures).as("%s in %s", first.spec, r).isZero();
          assertThat(first.count(live)).isEqualTo(10);
        } else {
          // Non-blocking connects report the failure (no in-place retry under finishConnect).
          assertThat(first.failures).as("%s in %s", first.spec, r).isEqualTo(2);
          assertThat(first.count(live)).isEqualTo(8);
        }
      }
    }
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void endpointAnswersFollowEdsWithinThePushToVisibleTime(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    Path mesh = dir.resolve("mesh.json");
    new TcpMeshFile()
        .service("moving", 7000, null, "moving")
        .cluster("moving", null, "127.0.0.2:7000")
        .writeTo(mesh);
    Path ready = dir.resolve("ready");
    ForkedJvm jvm =
        app(jdk, mesh, "moving")
            .env("MESH_DNS_ANSWER", "endpoints")
            .args("watch", "moving", "127.0.0.3", ready.toString(), "15000");
    CompletableFuture<ForkedJvm.Result> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return jvm.run();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(ready) && !run.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    new TcpMeshFile()
        .service("moving", 7000, null, "moving")
        .cluster("moving", null, "127.0.0.3:7000")
        .writeTo(mesh);
    ForkedJvm.Result r = run.get(90, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).as(r.toString()).contains("first=[moving/127.0.0.2]");
    assertThat(r.stdout()).as(r.toString()).contains("changed=[moving/127.0.0.3]");
    Matcher m = Pattern.compile("millis=(\\d+)").matcher(r.stdout());
    assertThat(m.find()).isTrue();
    // The file source polls every second; generous for a loaded 2-core machine.
    assertThat(Long.parseLong(m.group(1))).isLessThan(8000);
  }

  private ForkedJvm app(Jdk jdk, Path mesh, String awaitName) {
    return ForkedJvm.app(jdk, "io.inmesh.it.apps.net.RedisClientApp")
        .withMeshAgent()
        .env("MESH_CONFIG", mesh.toString())
        .sysProp("await.mesh.name", awaitName)
        .classpath(clientLibraries())
        .timeoutSeconds(120);
  }

  /** Jedis, Netty and their dependencies, from this test's own class path. */
  private static Path[] clientLibraries() {
    List<Path> libs = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Paths.get(entry).getFileName().toString();
      if (name.startsWith("jedis-")
          || name.startsWith("commons-pool2-")
          || name.startsWith("slf4j-api-")
          || name.startsWith("json-")
          || name.startsWith("gson-")
          || name.startsWith("netty-")) {
        libs.add(Paths.get(entry));
      }
    }
    return libs.toArray(Path[]::new);
  }

  private static Map<String, Phase> phases(ForkedJvm.Result r) {
    Map<String, Phase> byName = new HashMap<>();
    for (Phase p : phaseList(r)) {
      byName.put(p.spec, p);
    }
    return byName;
  }

  private static List<Phase> phaseList(ForkedJvm.Result r) {
    List<Phase> list = new ArrayList<>();
    Matcher m = PHASE.matcher(r.stdout());
    while (m.find()) {
      Map<Integer, Integer> answered = new HashMap<>();
      if (!m.group(2).isEmpty()) {
        for (String pc : m.group(2).split(";")) {
          String[] kv = pc.split(":");
          answered.put(Integer.parseInt(kv[0]), Integer.parseInt(kv[1]));
        }
      }
      list.add(
          new Phase(
              m.group(1),
              answered,
              Integer.parseInt(m.group(3)),
              Long.parseLong(m.group(4)),
              Long.parseLong(m.group(5)),
              Long.parseLong(m.group(6))));
    }
    return list;
  }

  private record Phase(
      String spec,
      Map<Integer, Integer> answered,
      int failures,
      long steered,
      long failedAttempts,
      long hookErrors) {
    int count(int port) {
      return answered.getOrDefault(port, 0);
    }
  }
}
