package io.inmesh.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.model.Cluster;
import io.inmesh.model.HealthStatus;
import io.inmesh.model.LbPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundRobinTest {
  @Test
  void equalWeightsVisitEveryHostOncePerRound() {
    UpstreamCluster c = Fixtures.simple(LbPolicy.ROUND_ROBIN, 5, 1);
    for (int round = 0; round < 20; round++) {
      java.util.Set<Host> seen = new java.util.HashSet<>();
      for (int i = 0; i < 5; i++) {
        seen.add(c.pick(PickContext.DEFAULT));
      }
      assertThat(seen).hasSize(5);
    }
  }

  @Test
  void edfCycleHasExactWeightsAndInterleaves() {
    int[] cycle = RoundRobinSelector.edfCycle(new long[] {5, 1});
    // Deadlines k/5 and k/1: at the tie at 1.0 the light host has waited longer (FIFO).
    assertThat(cycle).containsExactly(0, 0, 0, 0, 1, 0);
    int[] c2 = RoundRobinSelector.edfCycle(new long[] {2, 4, 6});
    // gcd 2 -> weights 1,2,3; one period has 6 picks and each host its weight.
    assertThat(c2).hasSize(6);
    assertThat(java.util.Arrays.stream(c2).filter(i -> i == 2).count()).isEqualTo(3);
    assertThat(java.util.Arrays.stream(c2).filter(i -> i == 0).count()).isEqualTo(1);
    // Smoothness: the weight-3 host never runs more than twice in a row over the cycle.
    int run = 0;
    int maxRun = 0;
    for (int i = 0; i < c2.length * 2; i++) {
      run = c2[i % c2.length] == 2 ? run + 1 : 0;
      maxRun = Math.max(maxRun, run);
    }
    assertThat(maxRun).isLessThanOrEqualTo(2);
  }

  @Test
  void weightedSplitFollowsWeights() {
    int[] weights = {1, 2, 3, 10};
    List<io.inmesh.model.LbEndpoint> eps = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      eps.add(Fixtures.endpoint(i + 1, HealthStatus.HEALTHY, weights[i]));
    }
    Cluster cl = Fixtures.cluster("svc", LbPolicy.ROUND_ROBIN);
    UpstreamCluster c =
        Fixtures.build(Fixtures.snapshot(cl, List.of(Fixtures.locality("a", 1, 0, eps))), 3)
            .cluster("svc");
    int n = 16_000; // 1000 whole cycles of 16
    Map<String, Integer> counts = Fixtures.counts(c, PickContext.DEFAULT, n);
    // Deterministic schedule: every whole cycle gives each host exactly its weight.
    for (int i = 0; i < weights.length; i++) {
      assertThat(counts.get("10.0.0." + (i + 1))).isEqualTo(weights[i] * 1000);
    }
  }

  @Test
  void hugeWeightsAreScaledWithSmallError() {
    long[] w = {1_000_000, 3_000_001, 7};
    int[] cycle = RoundRobinSelector.edfCycle(w);
    assertThat(cycle.length).isLessThanOrEqualTo(RoundRobinSelector.MAX_CYCLE + 3);
    double total = 4_000_008;
    long c0 = java.util.Arrays.stream(cycle).filter(i -> i == 0).count();
    long c2 = java.util.Arrays.stream(cycle).filter(i -> i == 2).count();
    assertThat((double) c0 / cycle.length)
        .isCloseTo(1_000_000 / total, org.assertj.core.data.Offset.offset(0.001));
    assertThat(c2).isEqualTo(1); // a tiny weight keeps a slot
  }
}
