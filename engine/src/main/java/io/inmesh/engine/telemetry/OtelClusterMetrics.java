package io.inmesh.engine.telemetry;

import io.opentelemetry.api.common.Attributes;

/** A cluster's pre-bound attribute sets, one per resource and per ejection reason. */
final class OtelClusterMetrics implements ClusterMetrics {
  private final OtelMeshMetrics m;
  private final Attributes[] byResource;
  private final Attributes[] byReason;

  OtelClusterMetrics(OtelMeshMetrics m, String cluster) {
    this.m = m;
    BreakerResource[] resources = BreakerResource.values();
    byResource = new Attributes[resources.length];
    for (BreakerResource r : resources) {
      byResource[r.ordinal()] =
          OtelMeshMetrics.attrs(
              OtelMeshMetrics.CLUSTER, cluster, OtelMeshMetrics.RESOURCE, r.label());
    }
    EjectionReason[] reasons = EjectionReason.values();
    byReason = new Attributes[reasons.length];
    for (EjectionReason r : reasons) {
      byReason[r.ordinal()] =
          OtelMeshMetrics.attrs(
              OtelMeshMetrics.CLUSTER, cluster, OtelMeshMetrics.REASON, r.label());
    }
  }

  @Override
  public void overflow(BreakerResource resource) {
    m.overflows.add(1, byResource[resource.ordinal()]);
  }

  @Override
  public void ejection(EjectionReason reason) {
    m.ejections.add(1, byReason[reason.ordinal()]);
  }
}
