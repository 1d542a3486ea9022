package io.inmesh.engine.telemetry;

/** Metrics off: one stateless singleton serves as every handle. */
final class NoopMeshMetrics implements MeshMetrics, ClusterMetrics, RouteMetrics {
  static final NoopMeshMetrics INSTANCE = new NoopMeshMetrics();

  private NoopMeshMetrics() {}

  @Override
  public ClusterMetrics cluster(String clusterName) {
    return this;
  }

  @Override
  public RouteMetrics route(String routeName, String clusterName) {
    return this;
  }

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public void close() {}

  @Override
  public void overflow(BreakerResource resource) {}

  @Override
  public void ejection(EjectionReason reason) {}

  @Override
  public void request(RequestOutcome outcome, long durationNanos) {}

  @Override
  public void retry() {}

  @Override
  public void faultInjected(FaultKind kind) {}

  @Override
  public void rateLimited() {}
}
