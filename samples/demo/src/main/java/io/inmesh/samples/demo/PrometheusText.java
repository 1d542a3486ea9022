package io.inmesh.samples.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The samples of a Prometheus text exposition (format 0.0.4): {@code name{l="v",...} value}, with
 * comments, timestamps and escapes handled. Enough for reading the agent's counters; not a full
 * validator (a line it cannot read is an error naming the line).
 */
final class PrometheusText {
  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  List<Sample> samples() {
    return samples;
  }

  static PrometheusText parse(String text) {
    List<Sample> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      try {
        out.add(sample(s));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + lineNo + " of the metrics is not a sample (" + e.getMessage() + "): " + s, e);
      }
    }
    return new PrometheusText(out);
  }

  /** The sum of every sample named {@code name} whose labels pass {@code labels}. */
  double sum(String name, Predicate<Map<String, String>> labels) {
    double total = 0;
    for (Sample s : samples) {
      if (s.name().equals(name) && labels.test(s.labels())) {
        total += s.value();
      }
    }
    return total;
  }

  /** Sums of {@code name} grouped by the value of {@code label} (samples without it skipped). */
  Map<String, Double> sumBy(String name, String label) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Sample s : samples) {
      String key = s.labels().get(label);
      if (s.name().equals(name) && key != null) {
        out.merge(key, s.value(), Double::sum);
      }
    }
    return out;
  }

  private static Sample sample(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) != '{' && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    String name = s.substring(0, i);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("no metric name");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < s.length() && s.charAt(i) == '{') {
      i = labels(s, i + 1, labels);
    }
    String[] rest = s.substring(i).strip().split("\\s+");
    if (rest.length == 0 || rest[0].isEmpty()) {
      throw new IllegalArgumentException("no value");
    }
    return new Sample(name, Collections.unmodifiableMap(labels), value(rest[0]));
  }

  /** Reads {@code l="v",...}} from {@code i} (just after the brace); returns the index after it. */
  private static int labels(String s, int i, Map<String, String> into) {
    while (true) {
      while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
        i++;
      }
      if (i >= s.length()) {
        throw new IllegalArgumentException("unterminated labels");
      }
      if (s.charAt(i) == '}') {
        return i + 1;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0 || eq + 1 >= s.length() || s.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("a label without =\"value\"");
      }
      String key = s.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; j < s.length() && s.charAt(j) != '"'; j++) {
        char c = s.charAt(j);
        if (c == '\\' && j + 1 < s.length()) {
          char e = s.charAt(++j);
          value.append(e == 'n' ? '\n' : e);
        } else {
          value.append(c);
        }
      }
      if (j >= s.length()) {
        throw new IllegalArgumentException("unterminated label value");
      }
      into.put(key, value.toString());
      i = j + 1;
    }
  }

  private static double value(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }
}
