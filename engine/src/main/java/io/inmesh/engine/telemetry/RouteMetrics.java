package io.inmesh.engine.telemetry;

/**
 * Per (route, cluster) metric handle with its attributes bound in advance. Thread-safe; recording
 * does not allocate.
 */
public interface RouteMetrics {
  /**
   * One finished downstream request (all attempts included).
   *
   * @param durationNanos from the start of routing to the final response or failure
   */
  void request(RequestOutcome outcome, long durationNanos);

  /** One retry attempt was sent (not counted for the first attempt). */
  void retry();

  /** The fault filter injected a fault into a request. */
  void faultInjected(FaultKind kind);

  /** The local rate limiter rejected a request. */
  void rateLimited();
}
