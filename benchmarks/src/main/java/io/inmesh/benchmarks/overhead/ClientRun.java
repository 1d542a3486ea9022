package io.inmesh.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Forks one {@link LoadClient} for a variant and client and reads its {@code RESULT} line. */
final class ClientRun {
  private ClientRun() {}

  static Map<String, Double> run(Options options, Variant variant, String client, Path errorLog)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(options.java());
    command.addAll(variant.jvmArgs());
    command.addAll(
        List.of(
            "-cp",
            options.classpath(),
            LoadClient.class.getName(),
            "--url",
            variant.url(),
            "--client",
            client,
            "--rate",
            Integer.toString(options.rate()),
            "--threads",
            Integer.toString(options.threads()),
            "--warmup-seconds",
            Double.toString(options.warmupSeconds()),
            "--fixed-seconds",
            Double.toString(options.fixedSeconds()),
            "--saturation-seconds",
            Double.toString(options.saturationSeconds())));
    ProcessBuilder builder = new ProcessBuilder(command);
    Forks.cleanEnvironment(builder.environment());
    builder.environment().putAll(variant.environment());
    builder.redirectError(errorLog.toFile());
    Instant launched = Instant.now();
    Process process = builder.start();
    try {
      Duration budget =
          Duration.ofSeconds(
              60
                  + (long)
                      (options.warmupSeconds()
                          + options.fixedSeconds()
                          + options.saturationSeconds()));
      String line = Forks.awaitLine(process, "RESULT", budget);
      Map<String, Double> metrics = parse(line);
      long launchedMicros = launched.getEpochSecond() * 1_000_000 + launched.getNano() / 1_000;
      double first = metrics.get("firstResponseEpochMicros");
      metrics.put("startupMs", first > 0 ? (first - launchedMicros) / 1000.0 : Double.NaN);
      process.waitFor();
      return metrics;
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "; client stderr in " + errorLog, e);
    } finally {
      Forks.stop(process);
    }
  }

  static Map<String, Double> parse(String line) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String field : line.substring("RESULT".length()).trim().split(" ")) {
      int eq = field.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("bad RESULT field '" + field + "' in: " + line);
      }
      metrics.put(field.substring(0, eq), Double.parseDouble(field.substring(eq + 1)));
    }
    return metrics;
  }
}
