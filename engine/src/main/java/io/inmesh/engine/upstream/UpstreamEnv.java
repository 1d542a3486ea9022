package io.inmesh.engine.upstream;

import io.inmesh.engine.telemetry.MeshMetrics;
import java.util.Objects;

/** The engine-wide services a cluster's state uses: time, randomness, metrics. */
record UpstreamEnv(UpstreamClock clock, RandomSource random, MeshMetrics metrics) {
  UpstreamEnv {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(metrics, "metrics");
  }
}
