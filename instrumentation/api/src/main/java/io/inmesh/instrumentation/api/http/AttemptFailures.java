package io.inmesh.instrumentation.api.http;

import io.inmesh.bootstrap.HttpPlan;
import io.inmesh.engine.AttemptFailure;

/**
 * The engine's {@link AttemptFailure} for a bridge's {@code HttpPlan.FAILURE_*}: for {@link
 * MeshHttpPlan}, and for adapters that drive the engine's call directly (java.net.http) yet
 * classify failures with the bridge's shared {@code HttpAttempts}, as every other adapter does.
 */
public final class AttemptFailures {
  private AttemptFailures() {}

  /** {@code failure} as the engine names it; an unknown code counts as a reset. */
  public static AttemptFailure of(int failure) {
    switch (failure) {
      case HttpPlan.FAILURE_CONNECT:
        return AttemptFailure.CONNECT_FAILURE;
      case HttpPlan.FAILURE_REFUSED_STREAM:
        return AttemptFailure.REFUSED_STREAM;
      case HttpPlan.FAILURE_TIMEOUT:
        return AttemptFailure.TIMEOUT;
      default:
        return AttemptFailure.RESET;
    }
  }
}
