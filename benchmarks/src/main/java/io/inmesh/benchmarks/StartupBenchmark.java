package io.inmesh.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forks {@link StartupApp} with no agent, with mesh.jar (nothing configured, default and {@code
 * MESH_STARTUP=sync}; and with a one-service {@code MESH_CONFIG} the app's first connection goes
 * through) and with the OpenTelemetry agent, rounds interleaved so drift hits all variants alike,
 * and prints medians of launch-to-main time, launch-to-first-connection time and peak RSS, with
 * ratios to no agent.
 *
 * <p>Usage: {@code java -cp benchmarks/target/classes io.inmesh.benchmarks.StartupBenchmark [--runs
 * N] [--java /path/to/java]} from the repository root after {@code ./mvnw -B package -DskipTests}.
 */
public final class StartupBenchmark {
  private static final String MESH_SERVICE = "bench-svc";
  private static final int MESH_SERVICE_PORT = 7000;

  private StartupBenchmark() {}

  /** One way to launch the app: JVM arguments, environment, app arguments after the sleep. */
  private record Variant(List<String> jvmArgs, Map<String, String> env, List<String> appArgs) {}

  public static void main(String[] args) throws Exception {
    int runs = 10;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--quick" -> runs = 1;
        case "--java" -> java = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    String classes = StartupApp.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    String mesh = "-javaagent:" + Path.of("agent/target/mesh.jar").toAbsolutePath();
    Path otel = Path.of("benchmarks/target/otel/opentelemetry-javaagent.jar");
    int backendPort = freePort();
    Path config = Files.createTempFile("startup-mesh", ".json");
    // One TCP service, bench-svc:7000, whose one endpoint is the app's own listening port.
    Files.writeString(
        config,
        TcpServiceConfig.json(MESH_SERVICE, MESH_SERVICE_PORT, backendPort),
        StandardCharsets.UTF_8);
    List<String> direct = List.of(String.valueOf(backendPort), "127.0.0.1", "" + backendPort);
    List<String> viaMesh =
        List.of(String.valueOf(backendPort), MESH_SERVICE, "" + MESH_SERVICE_PORT);
    Map<String, Variant> variants = new LinkedHashMap<>();
    variants.put("no agent", new Variant(List.of(), Map.of(), direct));
    variants.put("mesh.jar", new Variant(List.of(mesh), Map.of(), direct));
    variants.put(
        "mesh.jar MESH_STARTUP=sync",
        new Variant(List.of(mesh, "-Dmesh.startup=sync"), Map.of(), direct));
    variants.put(
        "mesh.jar, first connection to a mesh service (MESH_CONFIG)",
        new Variant(List.of(mesh), Map.of("MESH_CONFIG", config.toString()), viaMesh));
    variants.put(
        "OpenTelemetry agent",
        new Variant(List.of("-javaagent:" + otel.toAbsolutePath()), Map.of(), direct));

    Map<String, List<long[]>> samples = new LinkedHashMap<>();
    variants.keySet().forEach(v -> samples.put(v, new ArrayList<>()));
    for (int round = 0; round < runs + 1; round++) {
      for (Map.Entry<String, Variant> variant : variants.entrySet()) {
        long[] sample = runOnce(java, classes, variant.getValue());
        if (round > 0) { // round 0 warms the file caches
          samples.get(variant.getKey()).add(sample);
        }
      }
    }
    Files.delete(config);
    System.out.printf("java: %s (%s), runs per variant: %d%n", java, version(java), runs);
    System.out.println(
        "| Variant | launch→main median (ms) | added (ms) | launch→first connection (ms) | added"
            + " (ms) | peak RSS median (MB) | ratio |");
    System.out.println("|---|---|---|---|---|---|---|");
    double baseMain = median(samples.get("no agent"), 0) / 1000.0;
    double baseConnected = median(samples.get("no agent"), 1) / 1000.0;
    double baseRss = median(samples.get("no agent"), 2) / 1024.0;
    for (String variant : variants.keySet()) {
      double main = median(samples.get(variant), 0) / 1000.0;
      double connected = median(samples.get(variant), 1) / 1000.0;
      double rss = median(samples.get(variant), 2) / 1024.0;
      System.out.printf(
          "| %s | %.0f | %+.0f | %.0f | %+.0f | %.1f | %.2f |%n",
          variant, main, main - baseMain, connected, connected - baseConnected, rss, rss / baseRss);
    }
  }

  /** Launch→main (µs), launch→first connection done (µs), peak RSS (KB). */
  private static long[] runOnce(String java, String classes, Variant variant) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(variant.jvmArgs());
    command.addAll(List.of("-cp", classes, StartupApp.class.getName(), "1000"));
    command.addAll(variant.appArgs());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("MESH_") || k.startsWith("OTEL_"));
    builder.environment().put("OTEL_TRACES_EXPORTER", "none");
    builder.environment().put("OTEL_METRICS_EXPORTER", "none");
    builder.environment().put("OTEL_LOGS_EXPORTER", "none");
    builder.environment().putAll(variant.env());
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    File out = File.createTempFile("startup", ".out");
    builder.redirectOutput(out);
    Instant launched = Instant.now();
    Process process = builder.start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("failed: " + command);
    }
    long launchedMicros = launched.getEpochSecond() * 1_000_000 + launched.getNano() / 1_000;
    long[] sample = {-1, -1, -1};
    for (String line : Files.readAllLines(out.toPath(), StandardCharsets.UTF_8)) {
      String value = line.substring(line.indexOf('=') + 1);
      if (line.startsWith("main-epoch-micros=")) {
        sample[0] = Long.parseLong(value) - launchedMicros;
      } else if (line.startsWith("connected-epoch-micros=")) {
        sample[1] = Long.parseLong(value) - launchedMicros;
      } else if (line.startsWith("vmhwm-kb=")) {
        sample[2] = Long.parseLong(value);
      }
    }
    Files.delete(out.toPath());
    return sample;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String version(String java) throws Exception {
    Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
    String first =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .findFirst()
            .orElse("?");
    p.waitFor();
    return first;
  }

  private static double median(List<long[]> samples, int column) {
    long[] sorted = samples.stream().mapToLong(sample -> sample[column]).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
