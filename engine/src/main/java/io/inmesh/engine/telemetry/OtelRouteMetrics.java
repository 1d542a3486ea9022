package io.inmesh.engine.telemetry;

import io.opentelemetry.api.common.Attributes;

/** A (route, cluster) pair's pre-bound attribute sets, one per outcome and per fault kind. */
final class OtelRouteMetrics implements RouteMetrics {
  private static final double NANOS_PER_SECOND = 1e9;

  private final OtelMeshMetrics m;
  private final Attributes base;
  private final Attributes[] byOutcome;
  private final Attributes[] byFault;

  OtelRouteMetrics(OtelMeshMetrics m, String route, String cluster) {
    this.m = m;
    base = OtelMeshMetrics.attrs(OtelMeshMetrics.CLUSTER, cluster, OtelMeshMetrics.ROUTE, route);
    RequestOutcome[] outcomes = RequestOutcome.values();
    byOutcome = new Attributes[outcomes.length];
    for (RequestOutcome o : outcomes) {
      byOutcome[o.ordinal()] = base.toBuilder().put(OtelMeshMetrics.OUTCOME, o.label()).build();
    }
    FaultKind[] kinds = FaultKind.values();
    byFault = new Attributes[kinds.length];
    for (FaultKind k : kinds) {
      byFault[k.ordinal()] = base.toBuilder().put(OtelMeshMetrics.KIND, k.label()).build();
    }
  }

  @Override
  public void request(RequestOutcome outcome, long durationNanos) {
    m.duration.record(durationNanos / NANOS_PER_SECOND, byOutcome[outcome.ordinal()]);
  }

  @Override
  public void retry() {
    m.retries.add(1, base);
  }

  @Override
  public void faultInjected(FaultKind kind) {
    m.faults.add(1, byFault[kind.ordinal()]);
  }

  @Override
  public void rateLimited() {
    m.rateLimited.add(1, base);
  }
}
