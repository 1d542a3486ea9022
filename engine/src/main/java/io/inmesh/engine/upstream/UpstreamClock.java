package io.inmesh.engine.upstream;

/**
 * Monotonic time for ejection times and outlier intervals; injectable so tests can move time.
 * Implementations must be thread-safe and must not allocate.
 */
@FunctionalInterface
public interface UpstreamClock {
  /** {@link System#nanoTime()}. */
  UpstreamClock SYSTEM = System::nanoTime;

  /** Monotonic nanoseconds, comparable only with other values of the same clock. */
  long nanoTime();
}
