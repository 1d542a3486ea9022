package io.inmesh.samples.demo;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

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
    agentRow(out, r.agent(), "retries", AgentCounters::retries, a -> "(retry attempts made)");
    for (Outcome o : Outcome.values()) {
      if (o == Outcome.ANSWERED) {
        continue;
      }
      String note =
          o == Outcome.OVERFLOW ? "(ratings calls refused: " + r.ratingsOverflows() + ")" : "";
      row(out, o.label(), r.outcomes().get(o), note);
      if (o == Outcome.INJECTED_ABORT) {
        agentRow(
            out, r.agent(), "injected faults", AgentCounters::faultsTotal, a -> by(a.faults()));
      } else if (o == Outcome.OVERFLOW) {
        agentRow(
            out,
            r.agent(),
            "breaker overflows",
            AgentCounters::overflowsTotal,
            a -> by(a.overflows()));
      }
    }
    agentRow(out, r.agent(), "ejections", AgentCounters::ejectionsTotal, a -> by(a.ejections()));
    if (!r.agent().read()) {
      out.append("   (agent metrics not read: ").append(r.agent().unreadable()).append(")\n");
    }
    out.append(
        String.format(
            Locale.ROOT,
            "   %-42s %s%n",
            "reviews call latency p50 / p99",
            r.p50Millis() + " ms / " + r.p99Millis() + " ms"));
    return out.toString();
  }

  private static void agentRow(
      StringBuilder out,
      AgentCounters a,
      String what,
      ToLongFunction<AgentCounters> count,
      Function<AgentCounters, String> note) {
    String label = what + " (agent metrics)";
    if (a.read()) {
      row(out, label, count.applyAsLong(a), note.apply(a));
    } else {
      out.append(String.format(Locale.ROOT, "   %-42s %6s%n", label, "n/a"));
    }
  }

  /** "(abort 9, delay 31)", or "(none)" when every count is zero. */
  private static String by(Map<String, Long> counts) {
    String parts =
        counts.entrySet().stream()
            .filter(e -> e.getValue() != 0)
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return parts.isEmpty() ? "" : "(" + parts + ")";
  }

  private static void row(StringBuilder out, String label, long count, String note) {
    out.append(String.format(Locale.ROOT, "   %-42s %6d  %s", label, count, note).stripTrailing())
        .append('\n');
  }
}
