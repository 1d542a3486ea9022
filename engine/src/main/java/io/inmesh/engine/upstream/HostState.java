package io.inmesh.engine.upstream;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-host mutable state that outlives a snapshot swap as long as the host stays in its cluster:
 * in-flight attempts (least request), consecutive-error counters, the current interval's request
 * counts, and ejection state.
 *
 * <p>Counters are plain atomics updated inline by request threads. Ejection fields change only
 * under the owning cluster's lock and are read lock-free through {@link #ejected}.
 */
final class HostState {
  final AtomicInteger active = new AtomicInteger();

  final AtomicInteger consecutive5xx = new AtomicInteger();
  final AtomicInteger consecutiveGatewayFailure = new AtomicInteger();
  final AtomicInteger consecutiveLocalOriginFailure = new AtomicInteger();

  /**
   * The current interval's external-origin counts packed as {@code total << 32 | successes}, so one
   * atomic add records a result and one {@code getAndSet(0)} closes the interval consistently.
   */
  final AtomicLong externalBucket = new AtomicLong();

  /** Like {@link #externalBucket}, for local-origin results (split mode only). */
  final AtomicLong localOriginBucket = new AtomicLong();

  volatile boolean ejected;

  // Guarded by the cluster's lock.
  long ejectedAtNanos;
  long ejectionDurationNanos;

  /** Envoy's ejection-time multiplier: grows per ejection, shrinks per healthy interval. */
  int ejectTimeBackoff;

  /** Ejections so far, for reporting. */
  int ejectionCount;

  long lastUnejectedAtNanos;
  boolean everUnejected;

  static final long SUCCESS = 1L | (1L << 32);
  static final long FAILURE = 1L << 32;

  static int total(long bucket) {
    return (int) (bucket >>> 32);
  }

  static int successes(long bucket) {
    return (int) bucket;
  }

  void resetConsecutive() {
    consecutive5xx.set(0);
    consecutiveGatewayFailure.set(0);
    consecutiveLocalOriginFailure.set(0);
  }
}
