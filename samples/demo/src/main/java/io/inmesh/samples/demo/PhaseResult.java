package io.inmesh.samples.demo;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recorded counts of one traffic phase; the report is formatted from these alone, so it can be
 * tested from recorded numbers.
 *
 * @param configured the configured share per version (0..1), in display order
 * @param answered 200 answers per version
 * @param upstreamHits requests each reviews version received, retries included
 * @param outcomes count per outcome (every outcome present)
 * @param savedByRetries requests that failed at a reviews app at least once and still ended
 *     answered
 * @param ratingsOverflows reviews answers whose ratings call was refused by a breaker
 * @param agent what the agents counted during the phase (their metrics)
 */
public record PhaseResult(
    String title,
    Map<String, Double> configured,
    int requests,
    int concurrency,
    long elapsedMillis,
    Map<String, Integer> answered,
    Map<String, Long> upstreamHits,
    Map<Outcome, Integer> outcomes,
    int savedByRetries,
    int ratingsOverflows,
    long p50Millis,
    long p99Millis,
    AgentCounters agent) {

  /** Counts without the agents' metrics (not scraped). */
  public PhaseResult(
      String title,
      Map<String, Double> configured,
      int requests,
      int concurrency,
      long elapsedMillis,
      Map<String, Integer> answered,
      Map<String, Long> upstreamHits,
      Map<Outcome, Integer> outcomes,
      int savedByRetries,
      int ratingsOverflows,
      long p50Millis,
      long p99Millis) {
    this(
        title,
        configured,
        requests,
        concurrency,
        elapsedMillis,
        answered,
        upstreamHits,
        outcomes,
        savedByRetries,
        ratingsOverflows,
        p50Millis,
        p99Millis,
        AgentCounters.unreadable("not scraped"));
  }

  public PhaseResult {
    java.util.Objects.requireNonNull(agent, "agent");
    configured = Collections.unmodifiableMap(new LinkedHashMap<>(configured));
    answered = Collections.unmodifiableMap(new LinkedHashMap<>(answered));
    upstreamHits = Collections.unmodifiableMap(new LinkedHashMap<>(upstreamHits));
    Map<Outcome, Integer> all = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      all.put(o, outcomes.getOrDefault(o, 0));
    }
    outcomes = Collections.unmodifiableMap(all);
  }

  /** The same counts with the agents' for the phase. */
  public PhaseResult withAgent(AgentCounters counters) {
    return new PhaseResult(
        title,
        configured,
        requests,
        concurrency,
        elapsedMillis,
        answered,
        upstreamHits,
        outcomes,
        savedByRetries,
        ratingsOverflows,
        p50Millis,
        p99Millis,
        counters);
  }

  /** Requests answered by any version. */
  public int answeredTotal() {
    return answered.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The observed share (0..1) of {@code version} among answered requests. */
  public double share(String version) {
    int total = answeredTotal();
    return total == 0 ? 0 : answered.getOrDefault(version, 0) / (double) total;
  }
}
