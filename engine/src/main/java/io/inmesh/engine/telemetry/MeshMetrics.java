package io.inmesh.engine.telemetry;

/**
 * What the engine records. Handles are looked up once per cluster or per (route, cluster) and then
 * used on the request path, so recording needs no attribute building and no map lookup per call:
 * look a handle up when a snapshot is built (or cache it beside the route) rather than per request.
 *
 * <p>Thread-safety: implementations and the handles they return are safe for concurrent use.
 */
public interface MeshMetrics extends AutoCloseable {

  /** The default: every handle is a shared no-op singleton, so recording costs a virtual call. */
  static MeshMetrics noop() {
    return NoopMeshMetrics.INSTANCE;
  }

  /** The handle for a cluster's upstream events (circuit-breaker overflows, ejections). */
  ClusterMetrics cluster(String clusterName);

  /**
   * The handle for requests a route sends to a cluster (count and duration by outcome, retries,
   * faults, rate limiting). {@code routeName} may be empty for unnamed routes.
   */
  RouteMetrics route(String routeName, String clusterName);

  /** Whether this records anything; lets callers skip reading the clock when it does not. */
  boolean enabled();

  /** Stops exporting and releases the exporter's port or connection; idempotent. */
  @Override
  void close();
}
