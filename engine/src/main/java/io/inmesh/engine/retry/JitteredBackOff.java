package io.inmesh.engine.retry;

import io.inmesh.engine.upstream.RandomSource;

/**
 * Envoy's retry back-off: the n-th retry (n from 1) waits a uniformly random time in {@code [0,
 * (2^n - 1) * base)}, the bound capped at {@code max} (default 10 x base). With the 25 ms default:
 * 0-24 ms, 0-74 ms, 0-174 ms ...
 *
 * <p>Why not Resilience4j's {@code IntervalFunction.ofExponentialRandomBackoff}: it spreads
 * ±randomization around {@code base * multiplier^n} (Envoy's "full jitter" from zero is not one of
 * its shapes), and its {@code IntervalBiFunction} boxes the attempt number and result into {@code
 * Integer}/{@code Either} per decision, which the allocation budget of the request path (≤ 64 B per
 * call) cannot afford. The formula is two lines; owning it keeps Envoy's distribution exact.
 */
public final class JitteredBackOff {
  private final long baseNanos;
  private final long maxNanos;

  public JitteredBackOff(long baseNanos, long maxNanos) {
    if (baseNanos <= 0 || maxNanos < baseNanos) {
      throw new IllegalArgumentException(
          "back-off needs 0 < base <= max: base " + baseNanos + "ns, max " + maxNanos + "ns");
    }
    this.baseNanos = baseNanos;
    this.maxNanos = maxNanos;
  }

  /** The exclusive upper bound of the delay before retry number {@code retry} (1-based). */
  public long boundNanos(int retry) {
    int n = Math.min(Math.max(retry, 1), 62);
    long factor = (1L << n) - 1;
    // Saturate instead of overflowing for large n.
    long bound = factor > maxNanos / baseNanos ? maxNanos : factor * baseNanos;
    return Math.min(bound, maxNanos);
  }

  /** A delay for retry number {@code retry} (1-based), in nanoseconds. */
  public long delayNanos(int retry, RandomSource random) {
    long bound = boundNanos(retry);
    return bound <= 1 ? 0 : Math.floorMod(random.nextLong(), bound);
  }

  public long baseNanos() {
    return baseNanos;
  }

  public long maxNanos() {
    return maxNanos;
  }
}
