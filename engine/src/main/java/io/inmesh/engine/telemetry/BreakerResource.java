package io.inmesh.engine.telemetry;

/** Envoy's circuit-breaker resources (concurrency thresholds of a cluster and priority). */
public enum BreakerResource {
  /** {@code max_connections}. */
  CONNECTIONS,
  /** {@code max_pending_requests}. */
  PENDING_REQUESTS,
  /** {@code max_requests}. */
  REQUESTS,
  /** {@code max_retries} or the retry budget. */
  RETRIES;

  /** The label value used in exported metrics. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
