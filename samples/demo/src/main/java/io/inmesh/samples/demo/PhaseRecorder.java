package io.inmesh.samples.demo;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** Collects the answers of one phase from several driver threads. */
final class PhaseRecorder {
  private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
  private final Map<Outcome, AtomicInteger> outcomes = new EnumMap<>(Outcome.class);
  private final Set<String> answeredIds = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ratingsOverflows = new AtomicInteger();
  private final AtomicIntegerArray millis;
  private final AtomicInteger recorded = new AtomicInteger();

  PhaseRecorder(int capacity) {
    for (Outcome o : Outcome.values()) {
      outcomes.put(o, new AtomicInteger());
    }
    millis = new AtomicIntegerArray(capacity);
  }

  void record(String requestId, Map<String, String> page) {
    Outcome outcome = Outcome.of(page);
    outcomes.get(outcome).incrementAndGet();
    if (outcome == Outcome.ANSWERED) {
      answered
          .computeIfAbsent(page.get("reviews.version"), v -> new AtomicInteger())
          .incrementAndGet();
      answeredIds.add(requestId);
    }
    if ("true".equals(page.get("ratings.overloaded"))) {
      ratingsOverflows.incrementAndGet();
    }
    int slot = recorded.getAndIncrement();
    if (slot < millis.length()) {
      millis.set(slot, (int) Math.min(Integer.MAX_VALUE, parseLong(page.get("reviews.millis"))));
    }
  }

  int recorded() {
    return recorded.get();
  }

  /** Answers so far per version, for the progress line. */
  Map<String, Integer> answeredSoFar() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    answered.forEach((v, n) -> out.put(v, n.get()));
    return out;
  }

  PhaseResult finish(
      String title,
      Map<String, Double> configured,
      int concurrency,
      long elapsedMillis,
      Map<String, Long> upstreamHits,
      Set<String> failedUpstreamIds) {
    Map<String, Integer> byVersion = new LinkedHashMap<>();
    configured.keySet().forEach(v -> byVersion.put(v, 0));
    new java.util.TreeMap<>(answered).forEach((v, n) -> byVersion.put(v, n.get()));
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    outcomes.forEach((o, n) -> counts.put(o, n.get()));
    int saved = 0;
    for (String id : failedUpstreamIds) {
      saved += answeredIds.contains(id) ? 1 : 0;
    }
    int n = Math.min(recorded.get(), millis.length());
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = millis.get(i);
    }
    Arrays.sort(sorted);
    return new PhaseResult(
        title,
        configured,
        recorded.get(),
        concurrency,
        elapsedMillis,
        byVersion,
        upstreamHits,
        counts,
        saved,
        ratingsOverflows.get(),
        percentile(sorted, 0.50),
        percentile(sorted, 0.99));
  }

  static long percentile(int[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static long parseLong(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
