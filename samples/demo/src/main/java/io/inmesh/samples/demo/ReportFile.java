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
 * <phase>.savedByRetries}, {@code change.observed}, {@code change.observedMillis}, {@code
 * children.pids}, {@code result}.
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

  private static String fraction(double d) {
    return String.format(Locale.ROOT, "%.4f", d);
  }
}
