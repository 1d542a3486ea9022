package io.inmesh.benchmarks.overhead;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole-process overhead of a request through mesh.jar against a direct call, a local proxy hop
 * (haproxy standing in for a sidecar) and the OpenTelemetry agent as a reference bytecode agent.
 *
 * <p>One backend process serves every variant; each run forks one {@link LoadClient} per variant
 * and client library. Rounds run every variant once per client, in an order rotated each round so
 * drift on a shared machine hits all variants alike; the report gives medians over rounds and
 * ratios (or differences) to the direct variant of the same client. See {@link Options#USAGE}.
 */
public final class OverheadBenchmark {
  /** The mesh service name the mesh variant calls; it resolves only through the agent. */
  static final String MESH_SERVICE = "svc";

  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    OverheadReport report = run(options);
    System.out.println(report.markdown());
    if (options.out() != null) {
      System.err.println("report written to " + options.out());
    }
    System.exit(report.failures().isEmpty() ? 0 : 1);
  }

  /**
   * Runs every round, writes the Markdown report to {@code --out} if given, and returns the
   * figures; every child process is stopped on return.
   */
  static OverheadReport run(Options options) throws IOException, InterruptedException {
    if (!Files.isRegularFile(options.meshAgent())) {
      throw new IllegalArgumentException(
          "mesh agent not found: "
              + options.meshAgent()
              + " (build it: ./mvnw -pl agent -am install)");
    }
    Path workDir = Files.createDirectories(options.workDir());
    Path logs = Files.createDirectories(workDir.resolve("logs"));
    List<String> notes = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<RunResult> results = new ArrayList<>();
    Map<String, String> environment = Machine.describe(options.java());
    try (BackendProcess backend =
            BackendProcess.start(
                options.java(),
                options.classpath(),
                options.backendThreads(),
                logs.resolve("backend.err"));
        HaproxyProcess haproxy = startHaproxy(options, backend.port(), workDir)) {
      environment.put("haproxy", haproxy == null ? "-" : Machine.haproxyVersion());
      List<Variant> variants = variants(options, backend.port(), haproxy, workDir);
      for (Variant v : variants) {
        if (!v.runnable()) {
          notes.add("skipped `" + v.name() + "`: " + v.skipReason());
        }
      }
      List<Variant> runnable = variants.stream().filter(Variant::runnable).toList();
      for (int round = 1; round <= options.rounds(); round++) {
        for (String client : options.clients()) {
          for (int i = 0; i < runnable.size(); i++) {
            Variant variant = runnable.get((i + round - 1) % runnable.size());
            String label = variant.name() + "/" + client + " round " + round;
            System.err.println("running " + label);
            try {
              results.add(
                  new RunResult(
                      variant.name(),
                      client,
                      round,
                      runOnce(options, variant, client, backend, haproxy, logs, round)));
            } catch (IOException e) {
              failures.add(label + ": " + e.getMessage());
              System.err.println("FAILED " + label + ": " + e.getMessage());
            }
          }
        }
      }
      OverheadReport report =
          new OverheadReport(
              options,
              LocalDate.now().toString(),
              environment,
              variants.stream().map(Variant::name).toList(),
              results,
              notes,
              failures);
      if (options.out() != null) {
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), report.markdown(), StandardCharsets.UTF_8);
      }
      return report;
    }
  }

  private static Map<String, Double> runOnce(
      Options options,
      Variant variant,
      String client,
      BackendProcess backend,
      HaproxyProcess haproxy,
      Path logs,
      int round)
      throws IOException, InterruptedException {
    Map<String, Long> before = backend.counts();
    boolean viaProxy = variant.name().equals(Variant.HAPROXY);
    long proxyCpuBefore = viaProxy ? haproxy.cpuNanos() : 0;
    Map<String, Double> metrics =
        ClientRun.run(
            options,
            variant,
            client,
            logs.resolve(variant.name() + "-" + client + "-r" + round + ".err"));
    Map<String, Long> after = backend.counts();
    metrics.put(
        "backendCalls",
        (double)
            (after.getOrDefault(variant.name(), 0L) - before.getOrDefault(variant.name(), 0L)));
    if (viaProxy) {
      double calls = metrics.get("totalCalls");
      metrics.put(
          "proxyCpuUsPerCall",
          calls == 0 ? Double.NaN : (haproxy.cpuNanos() - proxyCpuBefore) / 1e3 / calls);
    }
    return metrics;
  }

  private static HaproxyProcess startHaproxy(Options options, int backendPort, Path workDir)
      throws IOException, InterruptedException {
    if (!options.variants().contains(Variant.HAPROXY)) {
      return null;
    }
    Path binary = HaproxyProcess.find();
    if (binary == null) {
      return null; // the variant is skipped with a note
    }
    return HaproxyProcess.start(binary, freePort(), backendPort, workDir);
  }

  private static List<Variant> variants(
      Options options, int backendPort, HaproxyProcess haproxy, Path workDir) throws IOException {
    String direct = "http://127.0.0.1:" + backendPort + "/";
    String meshAgent = "-javaagent:" + options.meshAgent().toAbsolutePath();
    int servicePort = freePort();
    Path meshConfig = workDir.resolve("mesh.yaml");
    Files.writeString(meshConfig, MeshServiceConfig.yaml(MESH_SERVICE, servicePort, backendPort));
    Map<String, String> meshEnv = Map.of("MESH_CONFIG", meshConfig.toAbsolutePath().toString());
    Map<String, Variant> all = new LinkedHashMap<>();
    all.put(
        Variant.DIRECT,
        new Variant(
            Variant.DIRECT,
            "no agent, straight to the backend",
            List.of(),
            Map.of(),
            direct + Variant.DIRECT,
            null));
    all.put(
        Variant.MESH,
        new Variant(
            Variant.MESH,
            "mesh.jar; calls the mesh name "
                + MESH_SERVICE
                + ":"
                + servicePort
                + " (1 route, 1 endpoint = the backend)",
            List.of(meshAgent),
            meshEnv,
            "http://" + MESH_SERVICE + ":" + servicePort + "/" + Variant.MESH,
            null));
    all.put(
        Variant.MESH_PASSTHROUGH,
        new Variant(
            Variant.MESH_PASSTHROUGH,
            "mesh.jar loaded, calling the backend's non-mesh address (pass-through cost)",
            List.of(meshAgent),
            meshEnv,
            direct + Variant.MESH_PASSTHROUGH,
            null));
    all.put(
        Variant.HAPROXY,
        new Variant(
            Variant.HAPROXY,
            "no agent, through haproxy on loopback (sidecar stand-in)",
            List.of(),
            Map.of(),
            haproxy == null ? "" : "http://127.0.0.1:" + haproxy.port() + "/" + Variant.HAPROXY,
            haproxy == null ? "haproxy is not installed (apt-get install haproxy)" : null));
    Path otel = options.otelAgent();
    boolean otelPresent = otel != null && Files.isRegularFile(otel);
    all.put(
        Variant.OTEL,
        new Variant(
            Variant.OTEL,
            "OpenTelemetry Java agent, exporters off (reference bytecode agent)",
            otelPresent
                ? List.of(
                    "-javaagent:" + otel.toAbsolutePath(),
                    "-Dotel.traces.exporter=none",
                    "-Dotel.metrics.exporter=none",
                    "-Dotel.logs.exporter=none")
                : List.of(),
            Map.of(),
            direct + Variant.OTEL,
            otelPresent
                ? null
                : "OpenTelemetry agent jar not found"
                    + (otel == null ? " (pass --otel-agent)" : ": " + otel)));
    List<Variant> chosen = new ArrayList<>();
    for (String name : options.variants()) {
      chosen.add(all.get(name));
    }
    return chosen;
  }

  /** A loopback port free right now (the OS does not hand it out again soon). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
