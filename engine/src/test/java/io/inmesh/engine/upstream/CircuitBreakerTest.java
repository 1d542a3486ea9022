package io.inmesh.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.telemetry.BreakerResource;
import io.inmesh.model.CircuitBreakers;
import io.inmesh.model.CircuitBreakers.RoutingPriority;
import io.inmesh.model.CircuitBreakers.Thresholds;
import io.inmesh.model.Cluster;
import io.inmesh.model.LbPolicy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private static UpstreamCluster cluster(Thresholds... thresholds) {
    Cluster cl =
        Fixtures.cluster(
            "svc",
            LbPolicy.ROUND_ROBIN,
            Cluster.LbConfig.DEFAULTS,
            new CircuitBreakers(List.of(thresholds)),
            null,
            50);
    return Fixtures.build(
            Fixtures.snapshot(cl, List.of(Fixtures.locality("a", 1, 0, Fixtures.endpoints(1, 2)))),
            1)
        .cluster("svc");
  }

  @Test
  void concurrentRequestsNeverExceedMaxRequests() throws Exception {
    int k = 5;
    UpstreamCluster c = cluster(new Thresholds(RoutingPriority.DEFAULT, 100, 100, k, 3, null));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 20_000; i++) {
                  if (c.tryAcquireRequest()) {
                    int now = inFlight.incrementAndGet();
                    maxSeen.accumulateAndGet(now, Math::max);
                    admitted.incrementAndGet();
                    Thread.onSpinWait();
                    inFlight.decrementAndGet();
                    c.releaseRequest();
                  }
                }
              });
      ts[t].start();
    }
    start.countDown();
    for (Thread t : ts) {
      t.join();
    }
    assertThat(maxSeen.get()).isLessThanOrEqualTo(k).isPositive();
    assertThat(admitted.get() + c.overflows(BreakerResource.REQUESTS, RoutingPriority.DEFAULT))
        .isEqualTo(threads * 20_000L);
    assertThat(c.active(BreakerResource.REQUESTS, RoutingPriority.DEFAULT)).isZero();
  }

  @Test
  void thresholdsAreExactAndPerPriority() {
    UpstreamCluster c =
        cluster(
            new Thresholds(RoutingPriority.DEFAULT, 2, 1, 3, 1, null),
            new Thresholds(RoutingPriority.HIGH, 1, 1, 1, 1, null));
    assertThat(c.tryAcquireConnection()).isTrue();
    assertThat(c.tryAcquireConnection()).isTrue();
    assertThat(c.tryAcquireConnection()).isFalse();
    assertThat(c.tryAcquirePending()).isTrue();
    assertThat(c.tryAcquirePending()).isFalse();
    assertThat(c.tryAcquireRetry()).isTrue();
    assertThat(c.tryAcquireRetry()).isFalse();
    c.releaseRetry();
    assertThat(c.tryAcquireRetry()).isTrue();
    // HIGH has its own counters.
    assertThat(c.tryAcquireRequest(RoutingPriority.HIGH)).isTrue();
    assertThat(c.tryAcquireRequest(RoutingPriority.HIGH)).isFalse();
    assertThat(c.tryAcquireRequest()).isTrue();
    assertThat(c.overflows(BreakerResource.CONNECTIONS, RoutingPriority.DEFAULT)).isEqualTo(1);
    assertThat(c.overflows(BreakerResource.REQUESTS, RoutingPriority.HIGH)).isEqualTo(1);
    // A stray release cannot push the count below zero and widen the limit.
    c.releasePending();
    c.releasePending();
    assertThat(c.active(BreakerResource.PENDING_REQUESTS, RoutingPriority.DEFAULT)).isZero();
  }

  @Test
  void defaultsAreEnvoys() {
    UpstreamCluster c = cluster();
    for (int i = 0; i < 3; i++) {
      assertThat(c.tryAcquireRetry()).isTrue();
    }
    assertThat(c.tryAcquireRetry()).isFalse();
    for (int i = 0; i < 1024; i++) {
      assertThat(c.tryAcquireRequest()).isTrue();
    }
    assertThat(c.tryAcquireRequest()).isFalse();
  }

  @Test
  void retryBudgetIsAPercentageOfActiveWithAFloor() {
    UpstreamCluster c =
        cluster(
            new Thresholds(
                RoutingPriority.DEFAULT,
                1000,
                1000,
                1000,
                3,
                new CircuitBreakers.RetryBudget(20, 3)));
    // No active requests: the floor of 3 applies.
    for (int i = 0; i < 3; i++) {
      assertThat(c.tryAcquireRetry()).isTrue();
    }
    assertThat(c.tryAcquireRetry()).isFalse();
    // 40 active + 10 pending: 20 % of 50 = 10 concurrent retries.
    for (int i = 0; i < 40; i++) {
      c.tryAcquireRequest();
    }
    for (int i = 0; i < 10; i++) {
      c.tryAcquirePending();
    }
    int more = 0;
    while (c.tryAcquireRetry()) {
      more++;
    }
    assertThat(3 + more).isEqualTo(10);
  }

  @Test
  void concurrentRetriesNeverExceedTheBudget() throws Exception {
    UpstreamCluster c =
        cluster(
            new Thresholds(
                RoutingPriority.DEFAULT,
                1000,
                1000,
                1000,
                3,
                new CircuitBreakers.RetryBudget(25, 2)));
    for (int i = 0; i < 40; i++) {
      c.tryAcquireRequest(); // 40 active: budget max(25 % × 40, 2) = 10
    }
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    Thread[] ts = new Thread[6];
    for (int t = 0; t < ts.length; t++) {
      ts[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  if (c.tryAcquireRetry()) {
                    maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    inFlight.decrementAndGet();
                    c.releaseRetry();
                  }
                }
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    assertThat(maxSeen.get()).isBetween(1, 10);
  }
}
