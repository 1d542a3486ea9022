package io.inmesh.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.telemetry.BreakerResource;
import io.inmesh.engine.telemetry.MeshMetrics;
import io.inmesh.model.CircuitBreakers.RoutingPriority;
import io.inmesh.model.Cluster;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.LbPolicy;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.OutlierDetection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotSwapTest {
  private final Fixtures.ManualClock clock = new Fixtures.ManualClock();
  private final Cluster config =
      Fixtures.cluster(
          "svc",
          LbPolicy.RING_HASH,
          Cluster.LbConfig.DEFAULTS,
          null,
          OutlierDetection.defaults(),
          50);

  private Upstreams build(MeshSnapshot s, Upstreams previous) {
    return Upstreams.build(s, previous, clock, RandomSource.seeded(3), MeshMetrics.noop());
  }

  private static MeshSnapshot snapshot(Cluster c, List<LbEndpoint> eps) {
    return Fixtures.snapshot(c, List.of(Fixtures.locality("a", 1, 0, eps)));
  }

  private static void eject(UpstreamCluster c, Host h) {
    for (int i = 0; i < 5; i++) {
      c.onAttemptStart(h);
      c.onAttemptEnd(h, AttemptResult.HTTP_5XX, 1);
    }
    assertThat(h.isEjected()).isTrue();
  }

  @Test
  void unchangedClusterKeepsAllState() {
    Upstreams v1 = build(snapshot(config, Fixtures.endpoints(1, 10)), null);
    UpstreamCluster c1 = v1.cluster("svc");
    eject(c1, c1.hosts().get(0));
    assertThat(c1.tryAcquireRequest()).isTrue();
    Host forKey = c1.pick(PickContext.ofHash(12345));

    // A new snapshot with equal (but not identical) config and endpoints.
    Upstreams v2 = build(snapshot(config, Fixtures.endpoints(1, 10)), v1);
    UpstreamCluster c2 = v2.cluster("svc");
    assertThat(c2).isSameAs(c1);
    assertThat(c2.hosts().get(0).isEjected()).isTrue();
    assertThat(c2.active(BreakerResource.REQUESTS, RoutingPriority.DEFAULT)).isEqualTo(1);
    assertThat(c2.pick(PickContext.ofHash(12345))).isSameAs(forKey);
  }

  @Test
  void endpointChangeKeepsBreakersAndRemainingHostsState() {
    Upstreams v1 = build(snapshot(config, Fixtures.endpoints(1, 10)), null);
    UpstreamCluster c1 = v1.cluster("svc");
    eject(c1, c1.hosts().get(0));
    c1.onAttemptStart(c1.hosts().get(1));
    c1.tryAcquireRequest();

    List<LbEndpoint> changed = new ArrayList<>(Fixtures.endpoints(1, 9)); // 10.0.0.10 leaves
    changed.add(Fixtures.endpoint(20, io.inmesh.model.HealthStatus.HEALTHY, 1));
    UpstreamCluster c2 = build(snapshot(config, changed), v1).cluster("svc");
    assertThat(c2).isNotSameAs(c1);
    assertThat(c2.hosts().get(0).isEjected()).isTrue();
    assertThat(c2.hosts().get(1).activeRequests()).isEqualTo(1);
    assertThat(c2.active(BreakerResource.REQUESTS, RoutingPriority.DEFAULT)).isEqualTo(1);
    // An attempt that started on the old object ends on it and still reaches the shared state.
    c1.onAttemptEnd(c1.hosts().get(1), AttemptResult.SUCCESS, 1);
    assertThat(c2.hosts().get(1).activeRequests()).isZero();
    // The ejected host still gets no traffic in the new host set.
    for (int k = 0; k < 2000; k++) {
      assertThat(c2.pick(PickContext.ofHash(k * 7919L))).isNotEqualTo(c2.hosts().get(0));
    }
  }

  @Test
  void changedConfigStartsFresh() {
    Upstreams v1 = build(snapshot(config, Fixtures.endpoints(1, 10)), null);
    UpstreamCluster c1 = v1.cluster("svc");
    eject(c1, c1.hosts().get(0));
    c1.tryAcquireRequest();
    Cluster changed =
        Fixtures.cluster(
            "svc",
            LbPolicy.MAGLEV,
            Cluster.LbConfig.DEFAULTS,
            null,
            OutlierDetection.defaults(),
            50);
    UpstreamCluster c2 = build(snapshot(changed, Fixtures.endpoints(1, 10)), v1).cluster("svc");
    assertThat(c2.hosts().get(0).isEjected()).isFalse();
    assertThat(c2.active(BreakerResource.REQUESTS, RoutingPriority.DEFAULT)).isZero();
  }

  @Test
  void removedClusterIsGoneAndUnknownNameIsNull() {
    Upstreams v1 = build(snapshot(config, Fixtures.endpoints(1, 3)), null);
    Upstreams v2 = build(MeshSnapshot.EMPTY, v1);
    assertThat(v2.cluster("svc")).isNull();
    assertThat(v1.cluster("nope")).isNull();
  }

  @Test
  void rejectedSnapshotLeavesThePreviousStateIntact() {
    Upstreams v1 = build(snapshot(config, Fixtures.endpoints(1, 10)), null);
    UpstreamCluster c1 = v1.cluster("svc");
    Host last = c1.hosts().get(9);
    eject(c1, last);
    // Endpoint-only change for svc (10.0.0.10 leaves) plus an invalid second cluster.
    Cluster bad =
        Fixtures.cluster(
            "bad",
            LbPolicy.MAGLEV,
            new Cluster.LbConfig(2, 1, 1024, 8 << 20, 1000, false),
            null,
            null,
            50);
    io.inmesh.model.ClusterLoadAssignment svcCla =
        io.inmesh.model.ClusterLoadAssignment.of(
            "svc", List.of(Fixtures.locality("a", 1, 0, Fixtures.endpoints(1, 9))));
    MeshSnapshot both =
        new MeshSnapshot(
            "v2",
            java.util.Map.of(),
            java.util.Map.of(),
            java.util.Map.of("svc", config, "bad", bad),
            java.util.Map.of("svc", svcCla),
            java.util.Set.of());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> build(both, v1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster bad")
        .hasMessageContaining("prime");
    // The departing host's state is still tracked: it stays ejected and counts for the cap.
    assertThat(last.isEjected()).isTrue();
    assertThat(c1.lineage().hostStates).hasSize(10);
  }
}
