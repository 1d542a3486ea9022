package io.inmesh.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.model.Cluster;
import io.inmesh.model.HealthStatus;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.LbPolicy;
import io.inmesh.model.LocalityEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorityAndHealthTest {
  private static List<LbEndpoint> mixed(int from, HealthStatus... statuses) {
    List<LbEndpoint> eps = new ArrayList<>();
    for (int i = 0; i < statuses.length; i++) {
      eps.add(Fixtures.endpoint(from + i, statuses[i], 1));
    }
    return eps;
  }

  private static UpstreamCluster build(LbPolicy policy, double panic, LocalityEndpoints... les) {
    Cluster cl = Fixtures.cluster("svc", policy, Cluster.LbConfig.DEFAULTS, null, null, panic);
    return Fixtures.build(Fixtures.snapshot(cl, List.of(les)), 17).cluster("svc");
  }

  private static final HealthStatus H = HealthStatus.HEALTHY;
  private static final HealthStatus U = HealthStatus.UNHEALTHY;

  @Test
  void priorityLoadArithmeticMatchesEnvoy() {
    // P0 half healthy: 50 % × 1.4 = 70 % stays, 30 % spills to P1.
    PriorityLoads l =
        PriorityLoads.compute(new int[] {4, 4}, new int[] {2, 4}, new int[] {0, 0}, 140, 50);
    assertThat(l.healthy).containsExactly(70, 30);
    // Healthy enough after overprovisioning: 75 % × 1.4 ≥ 100.
    l = PriorityLoads.compute(new int[] {4, 4}, new int[] {3, 4}, new int[] {0, 0}, 140, 50);
    assertThat(l.healthy).containsExactly(100, 0);
    // Both levels 20 % healthy: 28 + 28 < 100, so loads are normalized to 50/50.
    l = PriorityLoads.compute(new int[] {5, 5}, new int[] {1, 1}, new int[] {0, 0}, 140, 50);
    assertThat(l.healthy).containsExactly(50, 50);
    assertThat(l.panic).containsExactly(true, true);
    // Nothing available anywhere: total panic, split by host count.
    l = PriorityLoads.compute(new int[] {1, 3}, new int[] {0, 0}, new int[] {0, 0}, 140, 50);
    assertThat(l.healthy).containsExactly(25, 75);
    assertThat(l.panic).containsExactly(true, true);
    // Degraded hosts take what healthy ones cannot: 1 healthy + 1 degraded of 2 -> 70 / 30.
    l = PriorityLoads.compute(new int[] {2}, new int[] {1}, new int[] {1}, 140, 50);
    assertThat(l.healthy).containsExactly(70);
    assertThat(l.degraded).containsExactly(30);
  }

  @Test
  void failoverSendsSeventyPercentToHalfHealthyP0() {
    UpstreamCluster c =
        build(
            LbPolicy.ROUND_ROBIN,
            50,
            Fixtures.locality("a", 1, 0, mixed(1, H, H, U, U)),
            Fixtures.locality("b", 1, 1, mixed(11, H, H, H, H)));
    int n = 20_000;
    long p0 = 0;
    for (int i = 0; i < n; i++) {
      Host h = c.pick(PickContext.DEFAULT);
      assertThat(h.health()).isEqualTo(H);
      if (h.priority() == 0) {
        p0++;
      }
    }
    Stats.assertWithinSigma(p0, n, 0.70, 4);
  }

  @Test
  void panicSpreadsOverAllHostsOfThePriority() {
    // 1 of 4 healthy = 25 % < 50 % threshold: all four hosts take traffic.
    UpstreamCluster c =
        build(LbPolicy.RANDOM, 50, Fixtures.locality("a", 1, 0, mixed(1, H, U, U, U)));
    Map<String, Integer> counts = Fixtures.counts(c, PickContext.DEFAULT, 8000);
    long[] obs = new long[4];
    for (int i = 0; i < 4; i++) {
      obs[i] = counts.getOrDefault("10.0.0." + (i + 1), 0);
    }
    Stats.assertChiSquare(obs, new double[] {0.25, 0.25, 0.25, 0.25});

    // Threshold 0 disables panic: only the healthy host.
    UpstreamCluster noPanic =
        build(LbPolicy.RANDOM, 0, Fixtures.locality("a", 1, 0, mixed(1, H, U, U, U)));
    assertThat(Fixtures.counts(noPanic, PickContext.DEFAULT, 1000)).containsOnlyKeys("10.0.0.1");
  }

  @Test
  void healthStatusesFollowEnvoy() {
    // UNKNOWN and HEALTHY take traffic; DRAINING, TIMEOUT, UNHEALTHY do not (no panic at 40 %).
    UpstreamCluster c =
        build(
            LbPolicy.ROUND_ROBIN,
            30,
            Fixtures.locality(
                "a",
                1,
                0,
                mixed(1, H, HealthStatus.UNKNOWN, HealthStatus.DRAINING, HealthStatus.TIMEOUT, U)));
    assertThat(Fixtures.counts(c, PickContext.DEFAULT, 1000))
        .containsOnlyKeys("10.0.0.1", "10.0.0.2");

    // DEGRADED only when healthy hosts cannot carry it all: 3 healthy of 4 -> 105 % -> none.
    UpstreamCluster enough =
        build(
            LbPolicy.RANDOM,
            50,
            Fixtures.locality("a", 1, 0, mixed(1, H, H, H, HealthStatus.DEGRADED)));
    assertThat(Fixtures.counts(enough, PickContext.DEFAULT, 2000)).doesNotContainKey("10.0.0.4");

    // 1 healthy, 1 degraded: 30 % to the degraded host.
    UpstreamCluster some =
        build(
            LbPolicy.RANDOM, 50, Fixtures.locality("a", 1, 0, mixed(1, H, HealthStatus.DEGRADED)));
    Map<String, Integer> counts = Fixtures.counts(some, PickContext.DEFAULT, 20_000);
    Stats.assertWithinSigma(counts.get("10.0.0.2"), 20_000, 0.30, 4);
  }

  @Test
  void localityWeightsSplitTraffic() {
    Cluster cl =
        Fixtures.cluster(
            "svc",
            LbPolicy.ROUND_ROBIN,
            new Cluster.LbConfig(2, 1.0, 1024, 8 << 20, 65537, true),
            null,
            null,
            50);
    UpstreamCluster c =
        Fixtures.build(
                Fixtures.snapshot(
                    cl,
                    List.of(
                        Fixtures.locality("a", 1, 0, mixed(1, H, H)),
                        Fixtures.locality("b", 3, 0, mixed(11, H, H, H, H, H, H)))),
                23)
            .cluster("svc");
    int n = 20_000;
    long inA = 0;
    for (int i = 0; i < n; i++) {
      if (c.pick(PickContext.DEFAULT).locality().zone().equals("a")) {
        inA++;
      }
    }
    Stats.assertWithinSigma(inA, n, 0.25, 4);

    // Locality b at 2 of 6 healthy: effective weight 3 × min(1, 1.4 × 1/3) = 1.4 vs 1.
    UpstreamCluster degradedB =
        Fixtures.build(
                Fixtures.snapshot(
                    cl,
                    List.of(
                        Fixtures.locality("a", 1, 0, mixed(1, H, H)),
                        Fixtures.locality("b", 3, 0, mixed(11, H, H, U, U, U, U)))),
                29)
            .cluster("svc");
    long inA2 = 0;
    for (int i = 0; i < n; i++) {
      if (degradedB.pick(PickContext.DEFAULT).locality().zone().equals("a")) {
        inA2++;
      }
    }
    Stats.assertWithinSigma(inA2, n, 1 / 2.4, 4);
  }

  @Test
  void previousHostsRepicksAndFinallyKeepsTheLastPick() {
    UpstreamCluster c = Fixtures.simple(LbPolicy.RANDOM, 3, 31);
    Host avoid = c.hosts().get(0);
    PickContext ctx = new PickContext(0, false, List.of(avoid), 5);
    int hit = 0;
    for (int i = 0; i < 3000; i++) {
      if (c.pick(ctx).equals(avoid)) {
        hit++;
      }
    }
    // Six picks in all, each 1/3 likely to be the excluded host: (1/3)^6 ≈ 0.14 %.
    assertThat(hit).isLessThan(20);

    UpstreamCluster one = Fixtures.simple(LbPolicy.ROUND_ROBIN, 1, 1);
    Host only = one.hosts().get(0);
    assertThat(one.pick(new PickContext(0, false, List.of(only), 3))).isSameAs(only);
  }

  @Test
  void emptyClusterPicksNull() {
    UpstreamCluster c = build(LbPolicy.ROUND_ROBIN, 50);
    assertThat(c.pick(PickContext.DEFAULT)).isNull();
  }
}
