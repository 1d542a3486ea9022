package io.inmesh.samples.demo;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Formats a {@link PhaseResult} as the small table the demo prints. */
public final class Report {
  private Report() {}

  /** The table for one phase, lines separated by {@code \n}, ending with a newline. */
  public static String format(PhaseResult r) {
    StringBuilder out = new StringBuilder();
    out.append("== ").append(r.title()).append(" ==\n");
    double seconds = r.elapsedMillis() / 1000.0;
    out.append(
        String.format(
            Locale.ROOT,
            "   %d requests in %.1f s (%.0f req/s), %d at a time%n%n",
            r.requests(),
            seconds,
            seconds == 0 ? 0 : r.requests() / seconds,
            r.concurrency()));

    out.append(
        String.format(
            Locale.ROOT,
            "   %-8s %10s %9s %8s %14s%n",
            "version",
            "configured",
            "answered",
            "share",
            "upstream hits"));
    Set<String> versions = new LinkedHashSet<>(r.configured().keySet());
    versions.addAll(r.answered().keySet());
    versions.addAll(r.upstreamHits().keySet());
    for (String v : versions) {
      out.append(
          String.format(
              Locale.ROOT,
              "   %-8s %9.1f%% %9d %7.1f%% %14s%n",
              v,
              100 * r.configured().getOrDefault(v, 0.0),
              r.answered().getOrDefault(v, 0),
              100 * r.share(v),
              r.upstreamHits().containsKey(v) ? String.valueOf(r.upstreamHits().get(v)) : "-"));
    }
    out.append('\n');
    row(out, Outcome.ANSWERED.label(), r.outcomes().get(Outcome.ANSWERED), "");
    row(
        out,
        "retries that saved a request",
        r.savedByRetries(),
        "(failed upstream, then answered)");
    for (Outcome o : Outcome.values()) {
      if (o == Outcome.ANSWERED) {
        continue;
      }
      String note =
          o == Outcome.OVERFLOW ? "(ratings calls refused: " + r.ratingsOverflows() + ")" : "";
      row(out, o.label(), r.outcomes().get(o), note);
    }
    out.append(
        String.format(
            Locale.ROOT,
            "   %-42s %6s  %s%n",
            "ejections",
            "n/a",
            "(reported by the agent's metrics, not visible to the app)"));
    out.append(
        String.format(
            Locale.ROOT,
            "   %-42s %s%n",
            "reviews call latency p50 / p99",
            r.p50Millis() + " ms / " + r.p99Millis() + " ms"));
    return out.toString();
  }

  private static void row(StringBuilder out, String label, int count, String note) {
    out.append(String.format(Locale.ROOT, "   %-42s %6d  %s", label, count, note).stripTrailing())
        .append('\n');
  }
}
