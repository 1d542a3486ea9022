package io.inmesh.xds.ads;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter: the n-th delay is drawn uniformly from [0.8, 1.2] × initial ×
 * 2^n, capped at the maximum. Jitter keeps a fleet of clients from reconnecting in lock step after
 * a control-plane restart.
 */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private int attempt;

  Backoff(Duration initial, Duration max) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = Math.max(initialNanos, max.toNanos());
  }

  /** The next delay in nanoseconds; each call doubles the base until the cap. */
  long nextNanos() {
    double base = initialNanos * Math.pow(2, Math.min(attempt, 40));
    attempt++;
    double jittered = base * ThreadLocalRandom.current().nextDouble(0.8, 1.2);
    return (long) Math.min(jittered, maxNanos);
  }

  /** Starts over from the initial delay (after a success). */
  void reset() {
    attempt = 0;
  }

  int attempts() {
    return attempt;
  }
}
