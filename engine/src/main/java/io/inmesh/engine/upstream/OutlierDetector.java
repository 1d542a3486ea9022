package io.inmesh.engine.upstream;

import io.inmesh.engine.telemetry.ClusterMetrics;
import io.inmesh.engine.telemetry.EjectionReason;
import io.inmesh.model.OutlierDetection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Envoy's outlier detection for one cluster lineage.
 *
 * <p><b>Consecutive errors</b> are counted inline on the request path with one atomic per host and
 * kind; a host is ejected the moment a counter reaches its threshold. These are hand-written
 * atomics rather than Resilience4j's count-based window: N consecutive failures is exactly "a
 * counter that a success zeroes", a single {@code incrementAndGet} (a few ns, no allocation),
 * whereas a CircuitBreaker per host and kind would add its ring buffer, state machine and event
 * publisher to every call, and would still not give us Envoy's ejection-time backoff, ejection cap
 * or enforcement percentages.
 *
 * <p><b>Success rate and failure percentage</b> are evaluated every {@code interval} over the
 * requests each host saw since the previous evaluation. The evaluation runs lazily on the request
 * path: the first pick after the interval has elapsed claims it with a CAS and runs it; other
 * threads never wait. We chose this over a timer thread because the statistics only change when
 * traffic flows, an idle cluster then costs nothing (no wake-ups), and the engine needs no thread
 * whose lifecycle and agent-thread marking someone must own. The price is that one request per
 * interval and cluster pays an O(hosts) evaluation (microseconds), and that with sparse traffic an
 * evaluation window can be longer than {@code interval}. Un-ejection is checked the same way, at
 * the first pick at or after a host's ejection time runs out (Envoy only checks at interval ticks,
 * so hosts come back here no later than in Envoy).
 *
 * <p>Thread-safety: counters are atomics; ejection state changes only under the lineage lock.
 */
final class OutlierDetector {
  private final OutlierDetection config;
  private final ClusterLineage lineage;
  private final ClusterMetrics metrics;
  private final UpstreamClock clock;
  private final RandomSource random;
  private final boolean split;
  private final long intervalNanos;
  private final long baseNanos;
  private final long maxNanos;
  private final AtomicBoolean ticking = new AtomicBoolean();

  /** When the next un-ejection or interval evaluation is due. */
  private volatile long nextCheckAt;

  // Guarded by lineage.lock.
  private long nextIntervalAt;

  OutlierDetector(OutlierDetection config, ClusterLineage lineage) {
    this.config = config;
    this.lineage = lineage;
    this.metrics = lineage.metrics;
    this.clock = lineage.env.clock();
    this.random = lineage.env.random();
    this.split = config.splitExternalLocalOriginErrors();
    validate(lineage.config);
    this.intervalNanos = config.interval().toNanos();
    this.baseNanos = config.baseEjectionTime().toNanos();
    this.maxNanos = config.maxEjectionTime().toNanos();
    long now = clock.nanoTime();
    this.nextIntervalAt = now + intervalNanos;
    this.nextCheckAt = nextIntervalAt;
  }

  /** Rejects what Envoy rejects, naming the cluster and the field. */
  static void validate(io.inmesh.model.Cluster cluster) {
    OutlierDetection od = cluster.outlierDetection();
    String name = cluster.name();
    positive(name, od.interval(), "interval");
    positive(name, od.baseEjectionTime(), "base_ejection_time");
    if (od.maxEjectionTime().compareTo(od.baseEjectionTime()) < 0) {
      throw new IllegalArgumentException(
          "cluster "
              + name
              + ": outlier detector's max_ejection_time cannot be smaller than base_ejection_time");
    }
    if (od.maxEjectionPercent() < 0) {
      throw new IllegalArgumentException(
          "cluster " + name + ": max_ejection_percent must not be negative");
    }
  }

  private static void positive(String cluster, java.time.Duration d, String field) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          "cluster " + cluster + ": outlier " + field + " must be positive: " + d);
    }
  }

  // ---------------------------------------------------------------- request path

  /** Runs due un-ejections and interval evaluations; cheap when nothing is due. */
  void maybeTick() {
    long now = clock.nanoTime();
    if (now - nextCheckAt < 0 || !ticking.compareAndSet(false, true)) {
      return;
    }
    try {
      synchronized (lineage.lock) {
        tick(now);
      }
    } finally {
      ticking.set(false);
    }
  }

  void record(HostState s, AttemptResult result) {
    if (!split) {
      // Envoy maps local-origin results to HTTP codes: connect failure/reset 503, timeout 504.
      switch (result) {
        case SUCCESS -> externalSuccess(s);
        case HTTP_5XX -> externalFailure(s, false);
        case GATEWAY_FAILURE, LOCAL_ORIGIN_FAILURE, TIMEOUT -> externalFailure(s, true);
      }
      return;
    }
    switch (result) {
      case SUCCESS -> {
        externalSuccess(s);
        localOriginSuccess(s);
      }
      case HTTP_5XX -> {
        externalFailure(s, false);
        localOriginSuccess(s);
      }
      case GATEWAY_FAILURE -> {
        externalFailure(s, true);
        localOriginSuccess(s);
      }
      case LOCAL_ORIGIN_FAILURE, TIMEOUT -> localOriginFailure(s);
    }
  }

  private void externalSuccess(HostState s) {
    s.externalBucket.addAndGet(HostState.SUCCESS);
    // Read before writing: under load most hosts are at zero and a plain read keeps the cache
    // line shared between cores.
    if (s.consecutive5xx.get() != 0) {
      s.consecutive5xx.set(0);
    }
    if (s.consecutiveGatewayFailure.get() != 0) {
      s.consecutiveGatewayFailure.set(0);
    }
  }

  private void externalFailure(HostState s, boolean gateway) {
    s.externalBucket.addAndGet(HostState.FAILURE);
    if (gateway) {
      if (s.consecutiveGatewayFailure.incrementAndGet() == config.consecutiveGatewayFailure()) {
        onConsecutive(s, EjectionReason.CONSECUTIVE_GATEWAY_FAILURE);
      }
    } else if (s.consecutiveGatewayFailure.get() != 0) {
      s.consecutiveGatewayFailure.set(0);
    }
    if (s.consecutive5xx.incrementAndGet() == config.consecutive5xx()) {
      onConsecutive(s, EjectionReason.CONSECUTIVE_5XX);
    }
  }

  private void localOriginSuccess(HostState s) {
    s.localOriginBucket.addAndGet(HostState.SUCCESS);
    if (s.consecutiveLocalOriginFailure.get() != 0) {
      s.consecutiveLocalOriginFailure.set(0);
    }
  }

  private void localOriginFailure(HostState s) {
    s.localOriginBucket.addAndGet(HostState.FAILURE);
    if (s.consecutiveLocalOriginFailure.incrementAndGet()
        == config.consecutiveLocalOriginFailure()) {
      onConsecutive(s, EjectionReason.CONSECUTIVE_LOCAL_ORIGIN_FAILURE);
    }
  }

  // ---------------------------------------------------------------- rare paths, under the lock

  private void onConsecutive(HostState s, EjectionReason reason) {
    long now = clock.nanoTime();
    synchronized (lineage.lock) {
      if (s.ejected || !lineage.hostStates.containsValue(s)) {
        return; // already ejected, or the host has left the cluster meanwhile
      }
      eject(s, reason, now);
      // Reset so that a new run of errors is needed, whether or not the ejection was enforced.
      switch (reason) {
        case CONSECUTIVE_5XX -> s.consecutive5xx.set(0);
        case CONSECUTIVE_GATEWAY_FAILURE -> s.consecutiveGatewayFailure.set(0);
        default -> s.consecutiveLocalOriginFailure.set(0);
      }
    }
  }

  private boolean eject(HostState s, EjectionReason reason, long now) {
    Map<io.inmesh.model.SocketAddress, HostState> states = lineage.hostStates;
    int ejected = 0;
    for (HostState h : states.values()) {
      if (h.ejected) {
        ejected++;
      }
    }
    // Envoy: eject only while (ejected + 1) / hosts stays within max_ejection_percent.
    double percentAfter = 100.0 * (ejected + 1) / states.size();
    if (percentAfter > Math.min(100, config.maxEjectionPercent())) {
      return false;
    }
    if (random.nextInt(100) >= enforcing(reason)) {
      return false;
    }
    long jitterMillis = config.maxEjectionTimeJitter().toMillis();
    long jitter =
        jitterMillis <= 0
            ? 0
            : java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                Long.remainderUnsigned(random.nextLong(), jitterMillis + 1));
    if (s.ejectTimeBackoff * baseNanos < maxNanos + baseNanos) {
      s.ejectTimeBackoff++;
    }
    s.ejectedAtNanos = now;
    s.ejectionDurationNanos = Math.min(baseNanos * s.ejectTimeBackoff, maxNanos) + jitter;
    s.ejectionCount++;
    s.ejected = true;
    lineage.healthGeneration.incrementAndGet();
    metrics.ejection(reason);
    long until = now + s.ejectionDurationNanos;
    if (until - nextCheckAt < 0) {
      nextCheckAt = until;
    }
    return true;
  }

  private int enforcing(EjectionReason reason) {
    return switch (reason) {
      case CONSECUTIVE_5XX -> config.enforcingConsecutive5xx();
      case CONSECUTIVE_GATEWAY_FAILURE -> config.enforcingConsecutiveGatewayFailure();
      case CONSECUTIVE_LOCAL_ORIGIN_FAILURE -> config.enforcingConsecutiveLocalOriginFailure();
      case SUCCESS_RATE -> config.enforcingSuccessRate();
      case SUCCESS_RATE_LOCAL_ORIGIN -> config.enforcingLocalOriginSuccessRate();
      case FAILURE_PERCENTAGE -> config.enforcingFailurePercentage();
      case FAILURE_PERCENTAGE_LOCAL_ORIGIN -> config.enforcingFailurePercentageLocalOrigin();
    };
  }

  private void tick(long now) {
    boolean changed = false;
    long next = Long.MAX_VALUE;
    for (HostState s : lineage.hostStates.values()) {
      if (s.ejected && now - (s.ejectedAtNanos + s.ejectionDurationNanos) >= 0) {
        s.ejected = false;
        s.resetConsecutive();
        s.lastUnejectedAtNanos = now;
        s.everUnejected = true;
        changed = true;
      }
    }
    if (changed) {
      lineage.healthGeneration.incrementAndGet();
    }
    if (now - nextIntervalAt >= 0) {
      evaluateInterval(now);
      nextIntervalAt = now + intervalNanos;
    }
    next = nextIntervalAt;
    for (HostState s : lineage.hostStates.values()) {
      if (s.ejected) {
        long until = s.ejectedAtNanos + s.ejectionDurationNanos;
        if (until - next < 0) {
          next = until;
        }
      }
    }
    nextCheckAt = next;
  }

  private void evaluateInterval(long now) {
    List<HostState> hosts = new ArrayList<>(lineage.hostStates.values());
    long[] external = new long[hosts.size()];
    long[] local = new long[hosts.size()];
    for (int i = 0; i < external.length; i++) {
      external[i] = hosts.get(i).externalBucket.getAndSet(0);
      local[i] = hosts.get(i).localOriginBucket.getAndSet(0);
    }
    evaluateRates(
        hosts, external, EjectionReason.SUCCESS_RATE, EjectionReason.FAILURE_PERCENTAGE, now);
    if (split) {
      evaluateRates(
          hosts,
          local,
          EjectionReason.SUCCESS_RATE_LOCAL_ORIGIN,
          EjectionReason.FAILURE_PERCENTAGE_LOCAL_ORIGIN,
          now);
    }
    // A host that stayed in service for a whole interval since it came back earns back one step
    // of its ejection-time multiplier.
    for (HostState s : hosts) {
      if (!s.ejected
          && s.everUnejected
          && s.ejectTimeBackoff > 0
          && now - s.lastUnejectedAtNanos >= intervalNanos) {
        s.ejectTimeBackoff--;
      }
    }
  }

  /**
   * Envoy's success-rate (mean − stdev × factor over hosts with enough requests, when enough such
   * hosts exist) and failure-percentage (failures ≥ threshold %) checks over one interval's counts.
   */
  private void evaluateRates(
      List<HostState> hosts,
      long[] buckets,
      EjectionReason successRateReason,
      EjectionReason failurePercentageReason,
      long now) {
    int n = hosts.size();
    if (n < config.successRateMinimumHosts() && n < config.failurePercentageMinimumHosts()) {
      return;
    }
    double[] rate = new double[n];
    int srHosts = 0;
    int fpHosts = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      int total = HostState.total(buckets[i]);
      rate[i] = total == 0 ? -1 : 100.0 * HostState.successes(buckets[i]) / total;
      if (hosts.get(i).ejected || total == 0) {
        continue;
      }
      if (total >= config.successRateRequestVolume()) {
        srHosts++;
        sum += rate[i];
      }
      if (total >= config.failurePercentageRequestVolume()) {
        fpHosts++;
      }
    }
    if (srHosts > 0 && srHosts >= config.successRateMinimumHosts()) {
      double mean = sum / srHosts;
      double variance = 0;
      for (int i = 0; i < n; i++) {
        if (qualifies(hosts.get(i), buckets[i], config.successRateRequestVolume())) {
          variance += (rate[i] - mean) * (rate[i] - mean);
        }
      }
      double stdev = Math.sqrt(variance / srHosts);
      double threshold = mean - config.successRateStdevFactor() * stdev;
      for (int i = 0; i < n; i++) {
        HostState s = hosts.get(i);
        if (qualifies(s, buckets[i], config.successRateRequestVolume()) && rate[i] < threshold) {
          eject(s, successRateReason, now);
        }
      }
    }
    if (fpHosts > 0 && fpHosts >= config.failurePercentageMinimumHosts()) {
      for (int i = 0; i < n; i++) {
        HostState s = hosts.get(i);
        if (qualifies(s, buckets[i], config.failurePercentageRequestVolume())
            && 100.0 - rate[i] >= config.failurePercentageThreshold()) {
          eject(s, failurePercentageReason, now);
        }
      }
    }
  }

  private static boolean qualifies(HostState s, long bucket, int volume) {
    int total = HostState.total(bucket);
    return !s.ejected && total > 0 && total >= volume;
  }
}
