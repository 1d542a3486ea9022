package io.inmesh.engine.fault;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults chosen for one call: a delay before it proceeds and/or an abort instead of it. Holds
 * one active-fault slot of its filter until {@link #release()}.
 *
 * @see FaultInjector
 */
public final class FaultDecision {
  private final long delayMillis;
  private final int httpStatus;
  private final int grpcStatus;
  private AtomicInteger active;

  FaultDecision(long delayMillis, int httpStatus, int grpcStatus, AtomicInteger active) {
    this.delayMillis = delayMillis;
    this.httpStatus = httpStatus;
    this.grpcStatus = grpcStatus;
    this.active = active;
  }

  /** The delay before the call proceeds, 0 for none. */
  public long delayMillis() {
    return delayMillis;
  }

  /** Whether the call is aborted (after the delay). */
  public boolean aborts() {
    return httpStatus >= 0 || grpcStatus >= 0;
  }

  /** The HTTP status to abort with, or -1 (a gRPC abort then answers 200). */
  public int httpStatus() {
    return httpStatus;
  }

  /** The gRPC status to abort with, or -1. */
  public int grpcStatus() {
    return grpcStatus;
  }

  /** Gives the active-fault slot back; idempotent. Called by the engine when the call ends. */
  public void release() {
    AtomicInteger a = active;
    if (a != null) {
      active = null;
      a.decrementAndGet();
    }
  }
}
