package io.inmesh.engine;

import static io.inmesh.engine.testing.MeshFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.telemetry.BreakerResource;
import io.inmesh.engine.testing.MeshFixture.TestClock;
import io.inmesh.engine.upstream.Host;
import io.inmesh.model.CircuitBreakers;
import io.inmesh.model.Cluster;
import io.inmesh.model.RetryPolicy;
import io.inmesh.model.RouteAction;
import io.inmesh.model.RouteMatch;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryAndTimeoutTest {
  private final TestClock clock = new TestClock();

  private MeshEngine engineWith(RouteAction.Forward action, Cluster... clusters) {
    return engine(
        snapshot(
            List.of(
                listener(
                    "svc:80",
                    routes(
                        "rc",
                        vhost("v", List.of("*"), route("r", RouteMatch.prefix("/"), action))))),
            List.of(clusters)),
        clock,
        11);
  }

  private static SimpleRequest req(boolean replayable) {
    return new SimpleRequest(
        "http", "svc", 80, "svc", "POST", "/", null, HeaderView.EMPTY, replayable);
  }

  @Test
  void numRetriesIsRespected() {
    MeshEngine engine =
        engineWith(
            forward("c", Duration.ZERO, retry(2, "5xx")),
            cluster("c", "10.0.0.1:80", "10.0.0.2:80"));
    MeshCall call = engine.start(req(true));
    assertThat(call.beginAttempt()).isNotNull();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isGreaterThanOrEqualTo(0);
    assertThat(call.beginAttempt()).isNotNull();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isGreaterThanOrEqualTo(0);
    assertThat(call.beginAttempt()).isNotNull();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
    assertThat(call.attempts()).isEqualTo(3);
    assertThat(engine.snapshot().clusters()).containsKey("c");
  }

  @Test
  void successIsDeliveredWithoutRetry() {
    MeshEngine engine =
        engineWith(forward("c", null, retry(2, "5xx")), cluster("c", "10.0.0.1:80"));
    MeshCall call = engine.start(req(true));
    call.beginAttempt();
    assertThat(call.onResponse(200, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
    assertThat(call.localReply()).isNull();
  }

  @Test
  void aBodyThatCannotBeReplayedIsNeverRetried() {
    MeshEngine engine =
        engineWith(
            forward("c", null, retry(3, "5xx", "connect-failure")),
            cluster("c", "10.0.0.1:80", "10.0.0.2:80"));
    MeshCall a = engine.start(req(false));
    a.beginAttempt();
    assertThat(a.onResponse(503, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
    MeshCall b = engine.start(req(false));
    b.beginAttempt();
    assertThat(b.onFailure(AttemptFailure.CONNECT_FAILURE)).isEqualTo(MeshCall.LOCAL_REPLY);
    assertThat(b.localReply().status()).isEqualTo(503);
    assertThat(b.attempts()).isEqualTo(1);
  }

  @Test
  void previousHostsExcludesEveryHostAlreadyTried() {
    RetryPolicy p =
        retryPolicy(Set.of("5xx"), 2, null, List.of("envoy.retry_host_predicates.previous_hosts"));
    MeshEngine engine =
        engineWith(
            forward("c", null, p), cluster("c", "10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80"));
    for (int i = 0; i < 20; i++) {
      MeshCall call = engine.start(req(true));
      Set<Host> seen = new HashSet<>();
      seen.add(call.beginAttempt());
      assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isGreaterThanOrEqualTo(0);
      seen.add(call.beginAttempt());
      assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isGreaterThanOrEqualTo(0);
      seen.add(call.beginAttempt());
      assertThat(seen).as("three attempts on three different hosts").hasSize(3);
      call.onResponse(200, -1, HeaderView.EMPTY);
    }
  }

  @Test
  void rateLimitedBackOffHonoursResetHeaders() {
    RetryPolicy p =
        new RetryPolicy(
            Set.of("retriable-status-codes"),
            3,
            null,
            null,
            Set.of(429, 503),
            List.of(),
            List.of(),
            null,
            null,
            new RetryPolicy.RateLimitedBackOff(
                List.of(
                    new RetryPolicy.ResetHeader(
                        "Retry-After", RetryPolicy.ResetHeader.Format.SECONDS),
                    new RetryPolicy.ResetHeader(
                        "X-RateLimit-Reset", RetryPolicy.ResetHeader.Format.UNIX_TIMESTAMP)),
                Duration.ofSeconds(10)),
            List.of(),
            0,
            null);
    MeshEngine engine = engineWith(forward("c", Duration.ZERO, p), cluster("c", "10.0.0.1:80"));
    MeshCall call = engine.start(req(true));
    call.beginAttempt();
    long d1 = call.onResponse(429, -1, headers("retry-after", "2"));
    assertThat(d1).isBetween(2_000_000_000L, 2_999_999_999L);
    call.beginAttempt();
    // The test clock's epoch is at 1 s: a reset at second 4 is 3 s away.
    long d2 = call.onResponse(503, -1, headers("x-ratelimit-reset", "4"));
    assertThat(d2).isBetween(3_000_000_000L, 4_499_999_999L);
    call.beginAttempt();
    // Beyond max_interval: ignored, the jittered exponential back-off applies.
    long d3 = call.onResponse(429, -1, headers("retry-after", "60"));
    assertThat(d3).isBetween(0L, 175_000_000L);
  }

  @Test
  void perTryTimeoutIsBoundedByTheRemainingRouteBudget() {
    RetryPolicy p = retryPolicy(Set.of("5xx"), 3, Duration.ofMillis(400), List.of());
    MeshEngine engine =
        engineWith(
            forward("c", Duration.ofSeconds(1), p), cluster("c", "10.0.0.1:80", "10.0.0.2:80"));
    MeshCall call = engine.start(req(true));
    assertThat(call.routeTimeoutNanos()).isEqualTo(1_000_000_000L);
    call.beginAttempt();
    assertThat(call.attemptTimeoutNanos()).isEqualTo(400_000_000L);
    clock.advance(Duration.ofMillis(400));
    long delay = call.onFailure(AttemptFailure.TIMEOUT);
    assertThat(delay).as("a per-try timeout is retried under 5xx").isBetween(0L, 25_000_000L);
    clock.advance(Duration.ofMillis(400));
    call.beginAttempt();
    assertThat(call.attemptTimeoutNanos()).isEqualTo(200_000_000L);
    clock.advance(Duration.ofMillis(200));
    assertThat(call.onFailure(AttemptFailure.TIMEOUT)).isEqualTo(MeshCall.LOCAL_REPLY);
    assertThat(call.localReply().status()).isEqualTo(504);
    assertThat(call.localReply().reason()).isEqualTo(LocalReply.Reason.ROUTE_TIMEOUT);
  }

  @Test
  void routeTimeoutDefaultsTo15sAndZeroDisablesIt() {
    MeshEngine dflt = engineWith(forward("c", null, null), cluster("c", "10.0.0.1:80"));
    MeshCall a = dflt.start(req(true));
    a.beginAttempt();
    assertThat(a.attemptTimeoutNanos()).isEqualTo(15_000_000_000L);
    MeshEngine off = engineWith(forward("c", Duration.ZERO, null), cluster("c", "10.0.0.1:80"));
    MeshCall b = off.start(req(true));
    b.beginAttempt();
    assertThat(b.attemptTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
    assertThat(b.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
  }

  private static RouteAction.Forward grpcRoute(Duration max, Duration offset) {
    return new RouteAction.Forward(
        new RouteAction.ClusterTarget.Single("c"),
        null,
        null,
        null,
        false,
        Duration.ofSeconds(30),
        null,
        null,
        null,
        new RouteAction.MaxStreamDuration(null, max, offset));
  }

  private long grpcTimeout(MeshEngine engine, String header) {
    HeaderView h =
        header == null
            ? headers("content-type", "application/grpc")
            : headers("content-type", "application/grpc", "grpc-timeout", header);
    return engine
        .start(new SimpleRequest("http", "svc", 80, "svc", "POST", "/pkg.S/M", null, h, true))
        .routeTimeoutNanos();
  }

  @Test
  void grpcTimeoutHeaderBecomesTheRouteTimeoutCappedAndOffset() {
    MeshEngine engine =
        engineWith(
            grpcRoute(Duration.ofSeconds(2), Duration.ofMillis(100)), cluster("c", "10.0.0.1:80"));
    assertThat(grpcTimeout(engine, "5S")).isEqualTo(2_000_000_000L);
    assertThat(grpcTimeout(engine, "1000m")).isEqualTo(900_000_000L);
    assertThat(grpcTimeout(engine, "50m"))
        .as("offset larger than the timeout is not applied")
        .isEqualTo(50_000_000L);
    assertThat(grpcTimeout(engine, null)).isEqualTo(2_000_000_000L);
    MeshEngine uncapped = engineWith(grpcRoute(Duration.ZERO, null), cluster("c", "10.0.0.1:80"));
    assertThat(grpcTimeout(uncapped, "1M")).isEqualTo(60_000_000_000L);
    assertThat(grpcTimeout(uncapped, null)).as("no header, no cap: no timeout").isEqualTo(0L);
    // A non-gRPC request keeps the route timeout.
    assertThat(engine.start(req(true)).routeTimeoutNanos()).isEqualTo(30_000_000_000L);
  }

  @Test
  void retryOverflowOfMaxRetriesStopsRetrying() {
    Cluster c = cluster("c", breakers(1024, 0), "10.0.0.1:80", "10.0.0.2:80");
    MeshEngine engine = engineWith(forward("c", null, retry(3, "5xx")), c);
    MeshCall call = engine.start(req(true));
    call.beginAttempt();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
    assertThat(call.attempts()).isEqualTo(1);
    assertThat(
            engineUpstream(engine, "c")
                .overflows(BreakerResource.RETRIES, CircuitBreakers.RoutingPriority.DEFAULT))
        .isEqualTo(1);
  }

  @Test
  void exhaustedFailuresEndIn503AndTimeoutsIn504() {
    MeshEngine engine =
        engineWith(forward("c", null, retry(1, "connect-failure")), cluster("c", "10.0.0.1:80"));
    MeshCall call = engine.start(req(true));
    call.beginAttempt();
    assertThat(call.onFailure(AttemptFailure.CONNECT_FAILURE)).isGreaterThanOrEqualTo(0);
    call.beginAttempt();
    assertThat(call.onFailure(AttemptFailure.CONNECT_FAILURE)).isEqualTo(MeshCall.LOCAL_REPLY);
    assertThat(call.localReply().status()).isEqualTo(503);
    MeshCall t = engine.start(req(true));
    t.beginAttempt();
    assertThat(t.onFailure(AttemptFailure.TIMEOUT)).isEqualTo(MeshCall.LOCAL_REPLY);
    assertThat(t.localReply().status()).isEqualTo(504);
  }

  static io.inmesh.engine.upstream.UpstreamCluster engineUpstream(MeshEngine engine, String name) {
    return engine.upstreams().cluster(name);
  }
}
