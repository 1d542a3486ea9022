package io.inmesh.samples.bookinfo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails exactly {@code percent} of every 100 requests (of every {@code 100 * burst} with bursts),
 * spread evenly, so demo numbers are reproducible (a random choice would make the retry and
 * ejection counts wander between runs). With a burst of N, failures come N in a row: evenly spread
 * single failures never give outlier detection two consecutive 5xx to act on.
 */
final class FailurePattern {
  private final int percent;
  private final int burst;
  private final AtomicLong requests = new AtomicLong();

  FailurePattern(int percent) {
    this(percent, 1);
  }

  FailurePattern(int percent, int burst) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("fail percent must be 0..100, got " + percent);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("fail burst must be at least 1, got " + burst);
    }
    this.percent = percent;
    this.burst = burst;
  }

  /** Whether the next request should fail. */
  boolean nextFails() {
    // Requests go in blocks of `burst`; a block fails or passes as a whole.
    long n = (requests.incrementAndGet() - 1) / burst + 1;
    // The running share of failures steps up by one exactly when n * percent crosses a multiple of
    // 100.
    return (n * percent) / 100 != ((n - 1) * percent) / 100;
  }
}
