package io.inmesh.samples.demo;

import io.inmesh.samples.bookinfo.Bookinfo;
import io.inmesh.samples.controlplane.SampleControlPlane;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo: starts the sample control plane and bookinfo (every service under {@code
 * -javaagent:mesh.jar}) as child JVMs on loopback, drives traffic and reports what the mesh did,
 * shifts all traffic to reviews v3 by rewriting the mesh file, shows the change take effect without
 * restarts, and stops everything it started. It always ends by itself: a hard timeout stops it.
 *
 * <p>Exit codes: 0 done, 1 the demo could not show what it should (the report says why), 2 bad
 * arguments, 3 hard timeout.
 */
public final class Demo {
  private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);
  private static final int CHANGE_STREAK = 10;

  private final DemoOptions options;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final UpstreamStats upstreamStats = new UpstreamStats();
  private final AgentMetrics agentMetrics = new AgentMetrics();

  /** Metrics port of each process whose agent handles outbound calls, by process name. */
  private final Map<String, Integer> metricsPorts = new LinkedHashMap<>();

  private final ReportFile reportFile = new ReportFile();

  Demo(DemoOptions options) {
    this.options = options;
  }

  public static void main(String[] args) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.println(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(new Demo(options).runWithDeadline());
  }

  int runWithDeadline() {
    Path work;
    try {
      work = Files.createTempDirectory("inmesh-demo-");
    } catch (IOException e) {
      System.out.println("demo failed: cannot create a work directory: " + e);
      return 1;
    }
    ChildProcesses children = new ChildProcesses(work);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(options.timeout().toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.out.println(
                  "demo: hard timeout of "
                      + options.timeout().toSeconds()
                      + " s reached; stopping");
              children.stopAll();
              writeReport(children, "timeout");
              System.exit(3);
            },
            "demo-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      run(work, children);
      children.close();
      reportFile.put("children.stopped", true);
      writeReport(children, "ok");
      System.out.println("Done.");
      return 0;
    } catch (DemoFailure e) {
      System.out.println();
      System.out.println("demo failed: " + e.getMessage());
      children.close();
      writeReport(children, "failed: " + e.getMessage().lines().findFirst().orElse(""));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      children.close();
      return 1;
    } catch (Exception e) {
      System.out.println("demo failed: " + e);
      e.printStackTrace(System.out);
      children.close();
      writeReport(children, "failed: " + e);
      return 1;
    } finally {
      watchdog.interrupt();
    }
  }

  private void run(Path work, ChildProcesses children) throws Exception {
    Path agent = options.agentJar().toAbsolutePath();
    if (!Files.isRegularFile(agent)) {
      throw new DemoFailure(
          "the agent jar "
              + agent
              + " does not exist; build it with ./mvnw -B -pl agent -am install");
    }
    Map<String, Integer> ports =
        freePorts(
            "cp",
            "productpage",
            "v1",
            "v2",
            "v3",
            "ratings",
            "metrics-productpage",
            "metrics-v1",
            "metrics-v2",
            "metrics-v3");
    Map<String, Integer> reviewsPorts = new LinkedHashMap<>();
    for (String v : List.of("v1", "v2", "v3")) {
      reviewsPorts.put(v, ports.get(v));
    }
    DemoMesh mesh = new DemoMesh(reviewsPorts, ports.get("ratings"));
    Path meshFile = work.resolve("mesh.yaml");
    mesh.write(meshFile, DemoMesh.FIRST_SPLIT);

    System.out.println(
        "inmesh demo: a bookinfo-like mesh on loopback, every service under -javaagent");
    System.out.println("   mesh file:  " + meshFile);
    System.out.println("   logs:       " + work);
    System.out.println();

    startAll(children, agent, meshFile, ports);
    TrafficDriver driver = new TrafficDriver(ports.get("productpage"));
    warmUp(driver);

    PhaseResult first =
        phase(
            driver,
            reviewsPorts,
            "p1",
            "Phase 1: reviews split " + DemoMesh.describe(DemoMesh.FIRST_SPLIT),
            DemoMesh.FIRST_SPLIT);
    reportFile.phase("phase1", first);

    System.out.println(
        "Shifting 100 % of reviews to v3: rewriting " + meshFile.getFileName() + " (no restarts)");
    mesh.write(meshFile, DemoMesh.SECOND_SPLIT);
    long observedMillis = awaitAllV3(driver);
    reportFile.put("change.observed", true).put("change.observedMillis", observedMillis);
    System.out.println(
        "   the change reached traffic after "
            + observedMillis
            + " ms ("
            + CHANGE_STREAK
            + " answers in a row from v3)");
    System.out.println(
        "   control plane: " + lastLine(work.resolve("control-plane.log"), "serving mesh version"));
    System.out.println();

    PhaseResult second =
        phase(
            driver,
            reviewsPorts,
            "p2",
            "Phase 2: reviews split " + DemoMesh.describe(DemoMesh.SECOND_SPLIT),
            DemoMesh.SECOND_SPLIT);
    reportFile.phase("phase2", second);
    System.out.println("Stopping everything the demo started.");
  }

  private void startAll(
      ChildProcesses children, Path agent, Path meshFile, Map<String, Integer> ports)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> jvm = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m");
    int cpPort = ports.get("cp");

    List<String> cp = new ArrayList<>(jvm);
    cp.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            SampleControlPlane.class.getName(),
            "--mesh",
            meshFile.toString(),
            "--port",
            String.valueOf(cpPort)));
    ChildProcesses.Child controlPlane = children.start("control-plane", cp, Map.of());
    awaitPort(controlPlane, cpPort);
    System.out.println("   started control plane on 127.0.0.1:" + cpPort);

    String bookinfo =
        Path.of(Bookinfo.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    List<ChildProcesses.Child> services = new ArrayList<>();
    Map<ChildProcesses.Child, Integer> healthPorts = new LinkedHashMap<>();
    record Spec(String name, String service, int port, int metricsPort, List<String> args) {}
    List<Spec> specs =
        List.of(
            new Spec("ratings-v1", "ratings", ports.get("ratings"), 0, List.of("ratings")),
            new Spec(
                "reviews-v1",
                "reviews",
                ports.get("v1"),
                ports.get("metrics-v1"),
                List.of(
                    "reviews",
                    "--version",
                    "v1",
                    "--fail-percent",
                    String.valueOf(DemoMesh.V1_FAIL_PERCENT),
                    "--fail-burst",
                    String.valueOf(DemoMesh.V1_FAIL_BURST))),
            new Spec(
                "reviews-v2",
                "reviews",
                ports.get("v2"),
                ports.get("metrics-v2"),
                List.of("reviews", "--version", "v2")),
            new Spec(
                "reviews-v3",
                "reviews",
                ports.get("v3"),
                ports.get("metrics-v3"),
                List.of("reviews", "--version", "v3")),
            new Spec(
                "productpage-v1",
                "productpage",
                ports.get("productpage"),
                ports.get("metrics-productpage"),
                List.of("productpage")));
    for (Spec s : specs) {
      List<String> cmd = new ArrayList<>(jvm);
      cmd.addAll(List.of("-javaagent:" + agent, "-cp", bookinfo, Bookinfo.class.getName()));
      cmd.addAll(s.args());
      cmd.addAll(List.of("--port", String.valueOf(s.port())));
      Map<String, String> env = new LinkedHashMap<>();
      env.put("MESH_XDS_SERVER", "127.0.0.1:" + cpPort);
      env.put("MESH_SERVICE", s.service());
      env.put("MESH_NODE_ID", s.name() + "-1");
      // productpage and reviews make the outbound calls the mesh handles: their agents count
      // retries, faults, overflows and ejections; ratings only answers.
      if (s.metricsPort() != 0) {
        env.put("MESH_METRICS", "prometheus:" + s.metricsPort());
        metricsPorts.put(s.name(), s.metricsPort());
      }
      ChildProcesses.Child child = children.start(s.name(), cmd, env);
      services.add(child);
      healthPorts.put(child, s.port());
    }
    for (ChildProcesses.Child child : services) {
      awaitHealthy(child, healthPorts.get(child));
    }
    System.out.println(
        "   started productpage, reviews v1 (fails "
            + DemoMesh.V1_FAIL_PERCENT
            + " % on purpose, two in a row), v2, v3 and ratings with -javaagent:"
            + agent.getFileName());
    System.out.println();
  }

  private void warmUp(TrafficDriver driver) throws Exception {
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    Map<String, String> last = Map.of();
    int n = 0;
    while (System.nanoTime() < deadline) {
      last = driver.once("warmup-" + n++);
      if (Outcome.of(last) == Outcome.ANSWERED) {
        return;
      }
      Thread.sleep(200);
    }
    throw new DemoFailure(
        "productpage never got an answer from reviews through the mesh in "
            + options.startTimeout().toSeconds()
            + " s; last answer: "
            + last
            + "\n(does the agent route java.net.http calls to service names yet?)");
  }

  private PhaseResult phase(
      TrafficDriver driver,
      Map<String, Integer> reviewsPorts,
      String idPrefix,
      String title,
      Map<String, Integer> split)
      throws Exception {
    Map<String, UpstreamStats.Counters> before = upstreamStats.read(reviewsPorts);
    AgentCounters agentBefore = agentMetrics.read(metricsPorts);
    long start = System.nanoTime();
    PhaseRecorder recorder =
        driver.run(
            idPrefix,
            options.requests(),
            options.concurrency(),
            r ->
                System.out.println(
                    "   ... "
                        + r.recorded()
                        + "/"
                        + options.requests()
                        + " answered so far: "
                        + r.answeredSoFar()));
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    Map<String, UpstreamStats.Counters> after = upstreamStats.read(reviewsPorts);
    AgentCounters agentAfter = agentMetrics.read(metricsPorts);
    PhaseResult result =
        recorder
            .finish(
                title,
                DemoMesh.shares(split),
                options.concurrency(),
                elapsed,
                UpstreamStats.hitsBetween(before, after),
                UpstreamStats.failedBetween(before, after))
            .withAgent(agentAfter.since(agentBefore));
    System.out.println(Report.format(result));
    return result;
  }

  /** Sends requests one by one until {@link #CHANGE_STREAK} answers in a row come from v3. */
  private long awaitAllV3(TrafficDriver driver) throws Exception {
    long start = System.nanoTime();
    long deadline = start + CHANGE_TIMEOUT.toNanos();
    int streak = 0;
    int n = 0;
    while (System.nanoTime() < deadline) {
      Map<String, String> page = driver.once("change-" + n++);
      if (Outcome.of(page) == Outcome.ANSWERED) {
        streak = "v3".equals(page.get("reviews.version")) ? streak + 1 : 0;
        if (streak >= CHANGE_STREAK) {
          return (System.nanoTime() - start) / 1_000_000;
        }
      }
      Thread.sleep(20);
    }
    reportFile.put("change.observed", false);
    throw new DemoFailure(
        "the shift to v3 did not show in traffic within " + CHANGE_TIMEOUT.toSeconds() + " s");
  }

  private void awaitPort(ChildProcesses.Child child, int port) throws Exception {
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      ensureAlive(child);
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new DemoFailure(
        child.name() + " did not listen on " + port + ":\n" + ChildProcesses.tail(child, 20));
  }

  private void awaitHealthy(ChildProcesses.Child child, int port) throws Exception {
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    URI health = URI.create("http://127.0.0.1:" + port + "/health");
    while (System.nanoTime() < deadline) {
      ensureAlive(child);
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(100);
    }
    throw new DemoFailure(
        child.name() + " did not become healthy:\n" + ChildProcesses.tail(child, 20));
  }

  private static void ensureAlive(ChildProcesses.Child child) throws DemoFailure {
    if (!child.process().isAlive()) {
      throw new DemoFailure(
          child.name()
              + " exited with code "
              + child.process().exitValue()
              + "; its log ("
              + child.log()
              + ") ends with:\n"
              + ChildProcesses.tail(child, 20));
    }
  }

  /** Distinct free loopback ports, held open together so no two are the same. */
  static Map<String, Integer> freePorts(String... names) throws IOException {
    Map<String, Integer> out = new LinkedHashMap<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String name : names) {
        ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(s);
        out.put(name, s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return out;
  }

  private static String lastLine(Path log, String containing) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains(containing)) {
          return lines.get(i).strip();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "(no line with '" + containing + "' in " + log + ")";
  }

  private void writeReport(ChildProcesses children, String result) {
    if (options.reportFile().isEmpty()) {
      return;
    }
    try {
      reportFile
          .put("children.pids", join(children.pids()))
          .put("result", result)
          .write(options.reportFile().get());
    } catch (IOException e) {
      System.out.println("could not write the report file: " + e);
    }
  }

  private static String join(List<Long> pids) {
    return String.join(" ", pids.stream().map(String::valueOf).toList());
  }

  /** A step of the demo that did not work; the message says what and shows the relevant log. */
  static final class DemoFailure extends Exception {
    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
      super(message);
    }
  }
}
