package io.inmesh.engine;

import io.inmesh.engine.telemetry.MeshMetrics;
import io.inmesh.engine.upstream.RandomSource;
import io.inmesh.engine.upstream.UpstreamClock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The services and settings of a {@link MeshEngine}; injectable so tests control time and chance.
 *
 * @param clock monotonic time for timeouts, back-off, rate-limit refills and latencies
 * @param epochMillis wall-clock time, only for {@code UNIX_TIMESTAMP} rate-limit reset headers
 * @param random every random draw (weights, fractions, faults, jitter, load balancing)
 * @param metrics where outcomes are recorded
 * @param firstCallWait how long a blocking first call to a name not yet known waits for the control
 *     plane's answer before passing through
 * @param sourceAddress the address {@code source_ip} hash policies hash (this process's)
 */
public record EngineOptions(
    UpstreamClock clock,
    LongSupplier epochMillis,
    RandomSource random,
    MeshMetrics metrics,
    Duration firstCallWait,
    String sourceAddress) {
  public EngineOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(epochMillis, "epochMillis");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(firstCallWait, "firstCallWait");
    if (firstCallWait.isNegative()) {
      throw new IllegalArgumentException("firstCallWait must not be negative: " + firstCallWait);
    }
    sourceAddress = sourceAddress == null ? "127.0.0.1" : sourceAddress;
  }

  /** System time, thread-local randomness, no metrics, a 1 s first-call wait. */
  public static EngineOptions defaults() {
    return new EngineOptions(
        UpstreamClock.SYSTEM,
        System::currentTimeMillis,
        RandomSource.THREAD_LOCAL,
        MeshMetrics.noop(),
        Duration.ofSeconds(1),
        null);
  }

  public EngineOptions withClock(UpstreamClock clock) {
    return new EngineOptions(clock, epochMillis, random, metrics, firstCallWait, sourceAddress);
  }

  public EngineOptions withEpochMillis(LongSupplier epochMillis) {
    return new EngineOptions(clock, epochMillis, random, metrics, firstCallWait, sourceAddress);
  }

  public EngineOptions withRandom(RandomSource random) {
    return new EngineOptions(clock, epochMillis, random, metrics, firstCallWait, sourceAddress);
  }

  public EngineOptions withMetrics(MeshMetrics metrics) {
    return new EngineOptions(clock, epochMillis, random, metrics, firstCallWait, sourceAddress);
  }

  public EngineOptions withFirstCallWait(Duration firstCallWait) {
    return new EngineOptions(clock, epochMillis, random, metrics, firstCallWait, sourceAddress);
  }
}
