package io.inmesh.engine.telemetry;

/**
 * Per-cluster metric handle with its attributes bound in advance. Thread-safe; recording does not
 * allocate.
 */
public interface ClusterMetrics {
  /** A circuit-breaker threshold turned a request, retry or connection away (a local 503). */
  void overflow(BreakerResource resource);

  /** Outlier detection ejected a host (enforced ejections only). */
  void ejection(EjectionReason reason);
}
