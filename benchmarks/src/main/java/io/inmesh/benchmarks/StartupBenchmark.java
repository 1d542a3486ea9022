package io.inmesh.benchmarks;

import java.io.File;
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
 * Forks {@link StartupApp} with no agent, with mesh.jar and with the OpenTelemetry agent, rounds
 * interleaved so drift hits all variants alike, and prints medians of launch-to-main time and peak
 * RSS with ratios to no agent.
 *
 * <p>Usage: {@code java -cp benchmarks/target/classes io.inmesh.benchmarks.StartupBenchmark [--runs
 * N] [--java /path/to/java]} from the repository root after {@code ./mvnw -B package -DskipTests}.
 */
public final class StartupBenchmark {
  private StartupBenchmark() {}

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
    Path mesh = Path.of("agent/target/mesh.jar");
    Path otel = Path.of("benchmarks/target/otel/opentelemetry-javaagent.jar");
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("no agent", List.of());
    variants.put("mesh.jar", List.of("-javaagent:" + mesh.toAbsolutePath()));
    variants.put(
        "mesh.jar MESH_STARTUP=async",
        List.of("-javaagent:" + mesh.toAbsolutePath(), "-Dmesh.startup=async"));
    variants.put("OpenTelemetry agent", List.of("-javaagent:" + otel.toAbsolutePath()));

    Map<String, long[]> startMicros = new LinkedHashMap<>();
    Map<String, long[]> rssKb = new LinkedHashMap<>();
    variants.keySet().forEach(v -> startMicros.put(v, new long[0]));
    variants.keySet().forEach(v -> rssKb.put(v, new long[0]));
    for (int round = 0; round < runs + 1; round++) {
      for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
        long[] sample = runOnce(java, classes, variant.getValue());
        if (round == 0) {
          continue; // warm-up round: file caches
        }
        startMicros.put(variant.getKey(), append(startMicros.get(variant.getKey()), sample[0]));
        rssKb.put(variant.getKey(), append(rssKb.get(variant.getKey()), sample[1]));
      }
    }
    System.out.printf("java: %s (%s), runs per variant: %d%n", java, version(java), runs);
    System.out.println(
        "| Variant | launch→main median (ms) | ratio | added (ms) | peak RSS median (MB) | ratio |");
    System.out.println("|---|---|---|---|---|---|");
    double baseStart = median(startMicros.get("no agent")) / 1000.0;
    double baseRss = median(rssKb.get("no agent")) / 1024.0;
    for (String variant : variants.keySet()) {
      double start = median(startMicros.get(variant)) / 1000.0;
      double rss = median(rssKb.get(variant)) / 1024.0;
      System.out.printf(
          "| %s | %.0f | %.2f | %+.0f | %.1f | %.2f |%n",
          variant, start, start / baseStart, start - baseStart, rss, rss / baseRss);
    }
  }

  private static long[] runOnce(String java, String classes, List<String> agentArgs)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(agentArgs);
    command.addAll(List.of("-cp", classes, StartupApp.class.getName(), "1000"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("MESH_") || k.startsWith("OTEL_"));
    builder.environment().put("OTEL_TRACES_EXPORTER", "none");
    builder.environment().put("OTEL_METRICS_EXPORTER", "none");
    builder.environment().put("OTEL_LOGS_EXPORTER", "none");
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    File out = File.createTempFile("startup", ".out");
    builder.redirectOutput(out);
    Instant launched = Instant.now();
    Process process = builder.start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("failed: " + command);
    }
    long launchedMicros = launched.getEpochSecond() * 1_000_000 + launched.getNano() / 1_000;
    long main = -1;
    long rss = -1;
    for (String line : Files.readAllLines(out.toPath(), StandardCharsets.UTF_8)) {
      if (line.startsWith("main-epoch-micros=")) {
        main = Long.parseLong(line.substring(line.indexOf('=') + 1)) - launchedMicros;
      } else if (line.startsWith("vmhwm-kb=")) {
        rss = Long.parseLong(line.substring(line.indexOf('=') + 1));
      }
    }
    Files.delete(out.toPath());
    return new long[] {main, rss};
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

  private static long[] append(long[] values, long value) {
    long[] copy = Arrays.copyOf(values, values.length + 1);
    copy[values.length] = value;
    return copy;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
