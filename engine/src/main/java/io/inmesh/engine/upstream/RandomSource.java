package io.inmesh.engine.upstream;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Randomness for load balancing, ejection enforcement and jitter; injectable so tests can fix a
 * seed. Implementations must be thread-safe and must not allocate.
 */
public interface RandomSource {
  /** {@link ThreadLocalRandom}: no contention, no allocation; the production default. */
  RandomSource THREAD_LOCAL = () -> ThreadLocalRandom.current().nextLong();

  /** 64 uniformly distributed bits. */
  long nextLong();

  /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
  default int nextInt(int bound) {
    // Lemire's multiply-shift: unbiased enough for load balancing (bias < bound / 2^32).
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in {@code [0, 1)}. */
  default double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * A deterministic, thread-safe SplitMix64 stream: a fixed seed gives a fixed sequence when used
   * from one thread. For tests.
   */
  static RandomSource seeded(long seed) {
    AtomicLong state = new AtomicLong(seed);
    return () -> {
      long z = state.addAndGet(0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    };
  }
}
