package io.inmesh.samples.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine-readable report ({@code --report-file}): {@code key=value} lines, sorted, for the
 * headless test. Keys: {@code <phase>.requests}, {@code <phase>.answered.<v>}, {@code
 * <phase>.share.<v>}, {@code <phase>.configured.<v>}, {@code <phase>.outcome.<OUTCOME>}, {@code
 * <phase>.savedByRetries}, {@code <phase>.agent.read} and, when read, {@code
 * <phase>.agent.retries}, {@code <phase>.agent.faults[.<kind>]}, {@code
 * <phase>.agent.overflows[.<cluster>]}, {@code <phase>.agent.ejections[.<cluster>]} (cluster
 * "reviews v1" as {@code reviews.v1}), {@code change.observed}, {@code change.observedMillis},
 * {@code children.pids}, {@code result}.
 */
public final class ReportFile {
  private final Map<String, String> values = new TreeMap<>();

  /** Adds one phase's counts under {@code prefix}. */
  public synchronized ReportFile phase(String prefix, PhaseResult r) {
    put(prefix + ".requests", r.requests());
    put(prefix + ".answeredTotal", r.answeredTotal());
    r.configured().forEach((v, s) -> put(prefix + ".configured." + v, fraction(s)));
    r.answered().forEach((v, n) -> put(prefix + ".answered." + v, n));
    for (String v : r.answered().keySet()) {
      put(prefix + ".share." + v, fraction(r.share(v)));
    }
    r.upstreamHits().forEach((v, n) -> put(prefix + ".upstreamHits." + v, n));
    r.outcomes().forEach((o, n) -> put(prefix + ".outcome." + o.name(), n));
    put(prefix + ".savedByRetries", r.savedByRetries());
    put(prefix + ".ratingsOverflows", r.ratingsOverflows());
    AgentCounters a = r.agent();
    put(prefix + ".agent.read", a.read());
    if (a.read()) {
      put(prefix + ".agent.retries", a.retries());
      put(prefix + ".agent.faults", a.faultsTotal());
      a.faults().forEach((k, n) -> put(prefix + ".agent.faults." + key(k), n));
      put(prefix + ".agent.overflows", a.overflowsTotal());
      a.overflows().forEach((k, n) -> put(prefix + ".agent.overflows." + key(k), n));
      put(prefix + ".agent.ejections", a.ejectionsTotal());
      a.ejections().forEach((k, n) -> put(prefix + ".agent.ejections." + key(k), n));
    } else {
      put(prefix + ".agent.unreadable", a.unreadable());
    }
    return this;
  }

  /** Adds one value. */
  public synchronized ReportFile put(String key, Object value) {
    values.put(key, String.valueOf(value));
    return this;
  }

  /** The lines as written. */
  public synchronized String text() {
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    return out.toString();
  }

  /** Writes the file (replacing it). */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(text());
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static String key(String name) {
    return name.replace(' ', '.');
  }

  private static String fraction(double d) {
    return String.format(Locale.ROOT, "%.4f", d);
  }
}
