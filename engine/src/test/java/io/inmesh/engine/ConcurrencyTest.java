package io.inmesh.engine;

import static io.inmesh.engine.testing.MeshFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.telemetry.BreakerResource;
import io.inmesh.engine.upstream.UpstreamCluster;
import io.inmesh.model.CircuitBreakers.RoutingPriority;
import io.inmesh.model.MeshConfigSource;
import io.inmesh.model.RouteMatch;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  @Test
  void inFlightCallsAndRetriesNeverExceedTheirThresholds() throws Exception {
    int maxRequests = 5;
    int maxRetries = 2;
    var snapshot =
        snapshot(
            List.of(
                listener(
                    "svc:80",
                    routes(
                        "rc",
                        vhost(
                            "v",
                            List.of("*"),
                            route(
                                "r",
                                RouteMatch.prefix("/"),
                                forward("c", java.time.Duration.ZERO, retry(3, "5xx"))))))),
            List.of(cluster("c", breakers(maxRequests, maxRetries), "10.0.0.1:80", "10.0.0.2:80")));
    MeshEngine engine = new MeshEngine(MeshConfigSource.fixed(snapshot), EngineOptions.defaults());
    UpstreamCluster upstream = engine.upstreams().cluster("c");
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    AtomicInteger retriesInFlight = new AtomicInteger();
    AtomicInteger maxRetriesSeen = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger overflowed = new AtomicInteger();
    int threads = 8;
    int perThread = 3_000;
    CountDownLatch go = new CountDownLatch(1);
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  MeshCall call = engine.start(SimpleRequest.get("svc", 80, "/"));
                  if (call.localReply() != null) {
                    assertThat(call.localReply().status()).isEqualTo(503);
                    assertThat(call.localReply().headers())
                        .anyMatch(h -> h.name().equals("x-envoy-overloaded"));
                    overflowed.incrementAndGet();
                    continue;
                  }
                  admitted.incrementAndGet();
                  maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                  call.beginAttempt();
                  // Our counts drop before the engine may release (inside onResponse) and rise
                  // again while it still holds the slot, so they never over-count.
                  inFlight.decrementAndGet();
                  long next = call.onResponse(503, -1, HeaderView.EMPTY);
                  while (next >= 0) {
                    inFlight.incrementAndGet();
                    maxRetriesSeen.accumulateAndGet(retriesInFlight.incrementAndGet(), Math::max);
                    Thread.yield();
                    retriesInFlight.decrementAndGet();
                    inFlight.decrementAndGet();
                    call.beginAttempt();
                    next = call.onResponse(i % 2 == 0 ? 503 : 200, -1, HeaderView.EMPTY);
                  }
                }
              });
      ts[t].start();
    }
    go.countDown();
    for (Thread t : ts) {
      t.join();
    }
    assertThat(maxSeen.get()).isLessThanOrEqualTo(maxRequests);
    assertThat(maxRetriesSeen.get()).isLessThanOrEqualTo(maxRetries);
    assertThat(admitted.get() + overflowed.get()).isEqualTo(threads * perThread);
    assertThat(admitted.get()).isPositive();
    assertThat(upstream.active(BreakerResource.REQUESTS, RoutingPriority.DEFAULT))
        .as("all released")
        .isZero();
    assertThat(upstream.active(BreakerResource.RETRIES, RoutingPriority.DEFAULT)).isZero();
    assertThat(upstream.overflows(BreakerResource.REQUESTS, RoutingPriority.DEFAULT))
        .isEqualTo(overflowed.get());
  }
}
