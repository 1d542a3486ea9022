package io.inmesh.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.model.Cluster;
import io.inmesh.model.HealthStatus;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.LbPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomAndLeastRequestTest {
  @Test
  void randomIsUniform() {
    UpstreamCluster c = Fixtures.simple(LbPolicy.RANDOM, 10, 42);
    Map<String, Integer> counts = Fixtures.counts(c, PickContext.DEFAULT, 20_000);
    long[] observed = new long[10];
    double[] p = new double[10];
    for (int i = 0; i < 10; i++) {
      observed[i] = counts.getOrDefault("10.0.0." + (i + 1), 0);
      p[i] = 0.1;
    }
    Stats.assertChiSquare(observed, p);
  }

  @Test
  void leastRequestAvoidsBusyHostAsPowerOfTwoPredicts() {
    UpstreamCluster c = Fixtures.simple(LbPolicy.LEAST_REQUEST, 4, 7);
    Host busy = c.hosts().get(0);
    for (int i = 0; i < 10; i++) {
      c.onAttemptStart(busy);
    }
    int n = 20_000;
    Map<String, Integer> counts = Fixtures.counts(c, PickContext.DEFAULT, n);
    // The busy host wins only when both samples are it: (1/4)^2. Each idle host: (1 - 1/16) / 3.
    long busyCount = counts.getOrDefault(busy.address().host(), 0);
    Stats.assertWithinSigma(busyCount, n, 1.0 / 16, 4);
    long[] observed = new long[4];
    double[] p = {1.0 / 16, 5.0 / 16, 5.0 / 16, 5.0 / 16};
    for (int i = 0; i < 4; i++) {
      observed[i] = counts.getOrDefault(c.hosts().get(i).address().host(), 0);
    }
    Stats.assertChiSquare(observed, p);
    for (int i = 0; i < 10; i++) {
      c.onAttemptEnd(busy, AttemptResult.SUCCESS, 0);
    }
    assertThat(busy.activeRequests()).isZero();
  }

  @Test
  void leastRequestWithUnequalWeightsFollowsWeightsWhenIdle() {
    List<LbEndpoint> eps = new ArrayList<>();
    int[] weights = {1, 3, 6};
    for (int i = 0; i < 3; i++) {
      eps.add(Fixtures.endpoint(i + 1, HealthStatus.HEALTHY, weights[i]));
    }
    Cluster cl = Fixtures.cluster("svc", LbPolicy.LEAST_REQUEST);
    UpstreamCluster c =
        Fixtures.build(Fixtures.snapshot(cl, List.of(Fixtures.locality("a", 1, 0, eps))), 11)
            .cluster("svc");
    Map<String, Integer> counts = Fixtures.counts(c, PickContext.DEFAULT, 20_000);
    long[] observed = new long[3];
    for (int i = 0; i < 3; i++) {
      observed[i] = counts.getOrDefault("10.0.0." + (i + 1), 0);
    }
    Stats.assertChiSquare(observed, new double[] {0.1, 0.3, 0.6});
  }

  @Test
  void leastRequestKeepsInFlightFarMoreEvenThanRandom() {
    double lr = meanSpread(Fixtures.simple(LbPolicy.LEAST_REQUEST, 4, 5));
    double random = meanSpread(Fixtures.simple(LbPolicy.RANDOM, 4, 5));
    assertThat(lr).isLessThan(random / 2);
  }

  /** Keeps 40 attempts in flight (the oldest ends each step); mean of max − min in flight. */
  private static double meanSpread(UpstreamCluster c) {
    java.util.ArrayDeque<Host> inFlight = new java.util.ArrayDeque<>();
    long spreadSum = 0;
    int samples = 0;
    for (int i = 0; i < 10_000; i++) {
      Host h = c.pick(PickContext.DEFAULT);
      c.onAttemptStart(h);
      inFlight.add(h);
      if (inFlight.size() > 40) {
        c.onAttemptEnd(inFlight.poll(), AttemptResult.SUCCESS, 0);
      }
      if (i > 100) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Host x : c.hosts()) {
          min = Math.min(min, x.activeRequests());
          max = Math.max(max, x.activeRequests());
        }
        spreadSum += max - min;
        samples++;
      }
    }
    return (double) spreadSum / samples;
  }
}
