package io.inmesh.samples.bookinfo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails exactly {@code percent} of every 100 requests, spread evenly, so demo numbers are
 * reproducible (a random choice would make the retry and ejection counts wander between runs).
 */
final class FailurePattern {
  private final int percent;
  private final AtomicLong requests = new AtomicLong();

  FailurePattern(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("fail percent must be 0..100, got " + percent);
    }
    this.percent = percent;
  }

  /** Whether the next request should fail. */
  boolean nextFails() {
    long n = requests.incrementAndGet();
    // The running share of failures steps up by one exactly when n * percent crosses a multiple of
    // 100.
    return (n * percent) / 100 != ((n - 1) * percent) / 100;
  }
}
