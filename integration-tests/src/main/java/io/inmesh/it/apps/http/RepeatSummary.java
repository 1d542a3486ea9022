package io.inmesh.it.apps.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over a {@code REPEAT}: how many calls got each status, each backend ({@code x-backend}),
 * each error, and call latencies (every call's, in milliseconds, sorted).
 */
public record RepeatSummary(
    Map<Integer, Integer> statuses,
    Map<String, Integer> backends,
    Map<String, Integer> errors,
    Map<String, Integer> overloaded,
    long p50Millis,
    long maxMillis,
    List<Long> millis) {
  public RepeatSummary {
    millis = List.copyOf(millis);
  }

  /** Calls that took at least {@code threshold} ms. */
  public long atLeastMillis(long threshold) {
    return millis.stream().filter(m -> m >= threshold).count();
  }

  static RepeatSummary of(List<DriverReply> replies) {
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Integer> backends = new TreeMap<>();
    Map<String, Integer> errors = new TreeMap<>();
    Map<String, Integer> overloaded = new TreeMap<>();
    List<Long> millis = new ArrayList<>();
    synchronized (replies) {
      for (DriverReply r : replies) {
        millis.add(r.millis());
        if (r.error() != null) {
          String cls = r.error().split(":", 2)[0];
          errors.merge(cls, 1, Integer::sum);
          continue;
        }
        statuses.merge(r.status(), 1, Integer::sum);
        if (r.backend() != null) {
          backends.merge(r.backend(), 1, Integer::sum);
        }
        String o = r.headers().get("x-envoy-overloaded");
        if (o != null) {
          overloaded.merge(o, 1, Integer::sum);
        }
      }
    }
    Collections.sort(millis);
    long p50 = millis.isEmpty() ? 0 : millis.get(millis.size() / 2);
    long max = millis.isEmpty() ? 0 : millis.get(millis.size() - 1);
    return new RepeatSummary(statuses, backends, errors, overloaded, p50, max, millis);
  }

  /** Calls that got {@code status}. */
  public int status(int status) {
    return statuses.getOrDefault(status, 0);
  }

  /** Calls answered by {@code backend}. */
  public int backend(String backend) {
    return backends.getOrDefault(backend, 0);
  }

  /** Calls that threw. */
  public int errorCount() {
    return errors.values().stream().mapToInt(Integer::intValue).sum();
  }

  public String encode() {
    Map<String, String> f = new LinkedHashMap<>();
    statuses.forEach((k, v) -> f.put("s." + k, v.toString()));
    backends.forEach((k, v) -> f.put("b." + k, v.toString()));
    errors.forEach((k, v) -> f.put("e." + k, v.toString()));
    overloaded.forEach((k, v) -> f.put("o." + k, v.toString()));
    f.put("p50", Long.toString(p50Millis));
    f.put("max", Long.toString(maxMillis));
    StringBuilder all = new StringBuilder();
    for (Long m : millis) {
      all.append(all.length() == 0 ? "" : ",").append(m);
    }
    f.put("millis", all.toString());
    return Wire.encode(f);
  }

  public static RepeatSummary decode(String text) {
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Integer> backends = new TreeMap<>();
    Map<String, Integer> errors = new TreeMap<>();
    Map<String, Integer> overloaded = new TreeMap<>();
    Map<String, String> f = Wire.decode(text);
    f.forEach(
        (k, v) -> {
          if (k.startsWith("s.")) {
            statuses.put(Integer.parseInt(k.substring(2)), Integer.parseInt(v));
          } else if (k.startsWith("b.")) {
            backends.put(k.substring(2), Integer.parseInt(v));
          } else if (k.startsWith("e.")) {
            errors.put(k.substring(2), Integer.parseInt(v));
          } else if (k.startsWith("o.")) {
            overloaded.put(k.substring(2), Integer.parseInt(v));
          }
        });
    return new RepeatSummary(
        statuses,
        backends,
        errors,
        overloaded,
        Long.parseLong(f.getOrDefault("p50", "0")),
        Long.parseLong(f.getOrDefault("max", "0")),
        parseMillis(f.getOrDefault("millis", "")));
  }

  private static List<Long> parseMillis(String text) {
    List<Long> out = new ArrayList<>();
    for (String m : text.split(",")) {
      if (!m.isEmpty()) {
        out.add(Long.parseLong(m));
      }
    }
    return out;
  }
}
