package io.inmesh.samples.demo;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the agents counted, summed over the scraped processes (cumulative counters, or the
 * difference of two readings for a phase). Clusters are shown by their short name ({@code
 * outbound|9080|v1|reviews} is "reviews v1").
 *
 * @param unreadable why the metrics could not be read, or null when they were
 * @param retries retry attempts the agents made
 * @param faults injected faults by kind ({@code abort}, {@code delay})
 * @param overflows circuit-breaker overflows by cluster
 * @param ejections outlier ejections by cluster
 */
public record AgentCounters(
    String unreadable,
    long retries,
    Map<String, Long> faults,
    Map<String, Long> overflows,
    Map<String, Long> ejections) {

  public AgentCounters {
    faults = Collections.unmodifiableMap(new TreeMap<>(faults));
    overflows = Collections.unmodifiableMap(new TreeMap<>(overflows));
    ejections = Collections.unmodifiableMap(new TreeMap<>(ejections));
  }

  /** Counts that could not be read, and why. */
  public static AgentCounters unreadable(String why) {
    return new AgentCounters(why, 0, Map.of(), Map.of(), Map.of());
  }

  /** Whether the counts were read from the agents. */
  public boolean read() {
    return unreadable == null;
  }

  public long faultsTotal() {
    return total(faults);
  }

  public long overflowsTotal() {
    return total(overflows);
  }

  public long ejectionsTotal() {
    return total(ejections);
  }

  /** The counts since {@code before}; unreadable when either reading is. */
  public AgentCounters since(AgentCounters before) {
    if (!read()) {
      return this;
    }
    if (!before.read()) {
      return before;
    }
    return new AgentCounters(
        null,
        retries - before.retries,
        minus(faults, before.faults),
        minus(overflows, before.overflows),
        minus(ejections, before.ejections));
  }

  /** The counts of this reading and {@code other} together (two processes). */
  AgentCounters plus(AgentCounters other) {
    if (!read() || !other.read()) {
      return read() ? other : this;
    }
    return new AgentCounters(
        null,
        retries + other.retries,
        merge(faults, other.faults),
        merge(overflows, other.overflows),
        merge(ejections, other.ejections));
  }

  /** Reads the agent's counters from one scrape. */
  static AgentCounters of(PrometheusText metrics) {
    return new AgentCounters(
        null,
        Math.round(metrics.sum("inmesh_retries_total", l -> true)),
        rounded(metrics.sumBy("inmesh_faults_total", "kind"), false),
        rounded(metrics.sumBy("inmesh_circuit_breaker_overflows_total", "cluster"), true),
        rounded(metrics.sumBy("inmesh_outlier_ejections_total", "cluster"), true));
  }

  /** "reviews v1" for the proxyless cluster name {@code outbound|9080|v1|reviews}. */
  static String shortCluster(String cluster) {
    String[] parts = cluster.split("\\|", -1);
    if (parts.length != 4 || !"outbound".equals(parts[0])) {
      return cluster;
    }
    return parts[2].isEmpty() ? parts[3] : parts[3] + " " + parts[2];
  }

  private static Map<String, Long> rounded(Map<String, Double> in, boolean clusters) {
    Map<String, Long> out = new TreeMap<>();
    in.forEach((k, v) -> out.merge(clusters ? shortCluster(k) : k, Math.round(v), Long::sum));
    return out;
  }

  private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach(
        (k, v) -> {
          long d = v - before.getOrDefault(k, 0L);
          if (d != 0) {
            out.put(k, d);
          }
        });
    return out;
  }

  private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> out = new TreeMap<>(a);
    b.forEach((k, v) -> out.merge(k, v, Long::sum));
    return out;
  }

  private static long total(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }
}
