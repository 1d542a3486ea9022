package io.inmesh.benchmarks.overhead;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures of a session and their summary: per client and variant, the median over rounds of
 * each figure, its ratio to the direct variant, and for latency the median over rounds of the
 * difference to direct in the same round (paired, so slow drift of the machine cancels out).
 */
final class OverheadReport {
  private final Options options;
  private final String date;
  private final Map<String, String> machine;
  private final List<String> variants;
  private final List<RunResult> results;
  private final List<String> notes;
  private final List<String> failures;

  OverheadReport(
      Options options,
      String date,
      Map<String, String> machine,
      List<String> variants,
      List<RunResult> results,
      List<String> notes,
      List<String> failures) {
    this.options = options;
    this.date = date;
    this.machine = Map.copyOf(machine);
    this.variants = List.copyOf(variants);
    this.results = List.copyOf(results);
    this.notes = List.copyOf(notes);
    this.failures = List.copyOf(failures);
  }

  List<RunResult> results() {
    return results;
  }

  List<String> notes() {
    return notes;
  }

  List<String> failures() {
    return failures;
  }

  /** The runs of one variant and client, in round order. */
  List<RunResult> runs(String variant, String client) {
    return results.stream()
        .filter(r -> r.variant().equals(variant) && r.client().equals(client))
        .toList();
  }

  /** Median over rounds of a figure, empty when the variant has no run. */
  OptionalDouble median(String variant, String client, String key) {
    double[] values =
        runs(variant, client).stream()
            .filter(r -> r.metrics().containsKey(key))
            .mapToDouble(r -> r.get(key))
            .toArray();
    return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(median(values));
  }

  /** Median over rounds of (variant − direct) in the same round. */
  OptionalDouble medianDelta(String variant, String client, String key) {
    double[] deltas = deltas(variant, client, key);
    return deltas.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(median(deltas));
  }

  private double[] deltas(String variant, String client, String key) {
    List<Double> deltas = new ArrayList<>();
    for (RunResult run : runs(variant, client)) {
      for (RunResult base : runs(Variant.DIRECT, client)) {
        if (base.round() == run.round()) {
          deltas.add(run.get(key) - base.get(key));
        }
      }
    }
    return deltas.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Median(variant) / median(direct). */
  OptionalDouble ratio(String variant, String client, String key) {
    OptionalDouble value = median(variant, client, key);
    OptionalDouble base = median(Variant.DIRECT, client, key);
    return value.isPresent() && base.isPresent() && base.getAsDouble() != 0
        ? OptionalDouble.of(value.getAsDouble() / base.getAsDouble())
        : OptionalDouble.empty();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("### Overhead run ")
        .append(date)
        .append(options.quick() ? " (--quick)" : "")
        .append("\n\n");
    md.append("Machine: ");
    md.append(
        String.join(
            "; ",
            machine.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue())
                .toList()));
    md.append(".\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Parameters: %d round(s), variants interleaved (order rotated each round); per run: %.1f s"
                + " warm-up at saturation, %.1f s at a fixed %d calls/s (one caller), %.1f s at"
                + " saturation (%d callers, back to back); backend: JDK HttpServer, 1 KiB body,"
                + " keep-alive, %d threads; all on loopback. Figures are medians over rounds;"
                + " Δ is the median over rounds of (variant − direct) within the round.%n%n",
            options.rounds(),
            options.warmupSeconds(),
            options.fixedSeconds(),
            options.rate(),
            options.saturationSeconds(),
            options.threads(),
            options.backendThreads()));
    for (String client : options.clients()) {
      md.append("#### Client: ").append(client).append("\n\n");
      md.append(
          "| variant | fixed-rate p50 µs | Δ p50 µs | fixed-rate p99 µs | Δ p99 µs"
              + " | saturation calls/s | ratio | saturation p50 µs | saturation p99 µs |\n");
      md.append("|---|---|---|---|---|---|---|---|---|\n");
      for (String v : variants) {
        if (runs(v, client).isEmpty()) {
          continue;
        }
        md.append("| ").append(v);
        cell(md, median(v, client, "fixedP50Us"), "%.0f");
        cell(md, medianDelta(v, client, "fixedP50Us"), "%+.0f");
        cell(md, median(v, client, "fixedP99Us"), "%.0f");
        cell(md, medianDelta(v, client, "fixedP99Us"), "%+.0f");
        cell(md, median(v, client, "satCallsPerSec"), "%.0f");
        cell(md, ratio(v, client, "satCallsPerSec"), "%.2f");
        cell(md, median(v, client, "satP50Us"), "%.0f");
        cell(md, median(v, client, "satP99Us"), "%.0f");
        md.append(" |\n");
      }
      md.append('\n');
      md.append(
          "| variant | client CPU µs/call (saturation) | ratio | client CPU µs/call (fixed rate)"
              + " | proxy CPU µs/call | launch → 1st response ms | ratio | RSS MB | ratio"
              + " | heap after GC MB | ratio | calls seen by backend / made | errors |\n");
      md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (String v : variants) {
        if (runs(v, client).isEmpty()) {
          continue;
        }
        md.append("| ").append(v);
        cell(md, median(v, client, "satCpuUsPerCall"), "%.1f");
        cell(md, ratio(v, client, "satCpuUsPerCall"), "%.2f");
        cell(md, median(v, client, "fixedCpuUsPerCall"), "%.1f");
        cell(md, median(v, client, "proxyCpuUsPerCall"), "%.1f");
        cell(md, median(v, client, "startupMs"), "%.0f");
        cell(md, ratio(v, client, "startupMs"), "%.2f");
        cell(md, scaled(median(v, client, "rssKb"), 1024), "%.0f");
        cell(md, ratio(v, client, "rssKb"), "%.2f");
        cell(md, scaled(median(v, client, "heapUsedKb"), 1024), "%.1f");
        cell(md, ratio(v, client, "heapUsedKb"), "%.2f");
        long seen = runs(v, client).stream().mapToLong(r -> (long) r.get("backendCalls")).sum();
        long made = runs(v, client).stream().mapToLong(r -> (long) r.get("totalCalls")).sum();
        long errors = runs(v, client).stream().mapToLong(r -> (long) r.get("errors")).sum();
        md.append(" | ").append(seen).append(" / ").append(made).append(" | ").append(errors);
        md.append(" |\n");
      }
      md.append('\n');
      goals(md, client);
    }
    if (!notes.isEmpty() || !failures.isEmpty()) {
      md.append("Notes:\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
      failures.forEach(f -> md.append("- FAILED ").append(f).append('\n'));
      md.append('\n');
    }
    md.append("<details><summary>Every run</summary>\n\n");
    md.append(
        "| round | client | variant | fixed p50 | fixed p99 | sat calls/s | sat p50 | sat p99 | CPU µs/call sat |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (RunResult r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f |%n",
              r.round(),
              r.client(),
              r.variant(),
              r.get("fixedP50Us"),
              r.get("fixedP99Us"),
              r.get("satCallsPerSec"),
              r.get("satP50Us"),
              r.get("satP99Us"),
              r.get("satCpuUsPerCall")));
    }
    md.append("\n</details>\n");
    return md.toString();
  }

  /** Issue #5's goals for the mesh variant, with the per-round spread beside each figure. */
  private void goals(StringBuilder md, String client) {
    if (runs(Variant.MESH, client).isEmpty() || runs(Variant.DIRECT, client).isEmpty()) {
      return;
    }
    double[] p50 = deltas(Variant.MESH, client, "fixedP50Us");
    double[] p99 = deltas(Variant.MESH, client, "fixedP99Us");
    md.append(
        String.format(
            Locale.ROOT,
            "Goals (mesh vs direct, %s): added p50 %+.0f µs (rounds %s; goal ≤ 10), added p99 %+.0f µs"
                + " (rounds %s; goal ≤ 50), saturation throughput %.2f of direct (goal ≥ 0.97),"
                + " client CPU per call %.2f× direct.%n%n",
            client,
            median(p50),
            range(p50),
            median(p99),
            range(p99),
            ratio(Variant.MESH, client, "satCallsPerSec").orElse(Double.NaN),
            ratio(Variant.MESH, client, "satCpuUsPerCall").orElse(Double.NaN)));
  }

  private static String range(double[] values) {
    double min = Arrays.stream(values).min().orElse(Double.NaN);
    double max = Arrays.stream(values).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "%+.0f…%+.0f", min, max);
  }

  private static OptionalDouble scaled(OptionalDouble value, double divisor) {
    return value.isPresent() ? OptionalDouble.of(value.getAsDouble() / divisor) : value;
  }

  private static void cell(StringBuilder md, OptionalDouble value, String format) {
    md.append(" | ");
    if (value.isPresent() && !Double.isNaN(value.getAsDouble())) {
      md.append(String.format(Locale.ROOT, format, value.getAsDouble()));
    } else {
      md.append('–');
    }
  }
}
