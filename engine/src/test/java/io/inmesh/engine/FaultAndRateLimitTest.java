package io.inmesh.engine;

import static io.inmesh.engine.testing.MeshFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.ratelimit.TokenBucket;
import io.inmesh.engine.testing.MeshFixture.TestClock;
import io.inmesh.model.FaultConfig;
import io.inmesh.model.FilterConfig;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HeaderValueOption;
import io.inmesh.model.HttpFilter;
import io.inmesh.model.LocalRateLimitConfig;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.Route;
import io.inmesh.model.RouteAction;
import io.inmesh.model.RouteMatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultAndRateLimitTest {
  private final TestClock clock = new TestClock();

  private static FaultConfig abort(int status, double percent) {
    return new FaultConfig(
        null,
        new FaultConfig.Abort(status, null, false, FractionalPercent.ofPercent(percent)),
        null,
        null,
        null,
        null);
  }

  private MeshEngine engineWith(HttpFilter filter, Route... routes) {
    return engine(
        snapshot(
            List.of(listener("svc:80", routes("rc", vhost("v", List.of("*"), routes)), filter)),
            List.of(cluster("c", "10.0.0.1:80"), cluster("other", "10.0.0.2:80"))),
        clock,
        5);
  }

  private static MeshCall call(MeshEngine e, String path, HeaderView h) {
    return e.start(get("svc", 80, "svc", path, h));
  }

  @Test
  void abortPercentageIsHonouredStatistically() {
    MeshEngine e =
        engineWith(
            new HttpFilter("envoy.filters.http.fault", abort(503, 30)), prefixRoute("/", "c"));
    int n = 20_000;
    int aborted = 0;
    for (int i = 0; i < n; i++) {
      MeshCall c = call(e, "/", HeaderView.EMPTY);
      if (c.localReply() != null) {
        assertThat(c.localReply().status()).isEqualTo(503);
        assertThat(c.localReply().reason()).isEqualTo(LocalReply.Reason.FAULT_ABORT);
        aborted++;
      } else {
        c.cancel();
      }
    }
    double sd = Math.sqrt(n * 0.3 * 0.7);
    assertThat((double) aborted).isBetween(n * 0.3 - 5 * sd, n * 0.3 + 5 * sd);
  }

  @Test
  void headerControlledFaultsReadTheRequestAndCapThePercentage() {
    FaultConfig byHeader =
        new FaultConfig(
            new FaultConfig.Delay(null, true, new FractionalPercent(50, 100)),
            new FaultConfig.Abort(null, null, true, new FractionalPercent(100, 100)),
            null,
            null,
            null,
            null);
    MeshEngine e = engineWith(new HttpFilter("fault", byHeader), prefixRoute("/", "c"));
    assertThat(call(e, "/", HeaderView.EMPTY).localReply()).isNull();
    MeshCall abort = call(e, "/", headers("x-envoy-fault-abort-request", "418"));
    assertThat(abort.localReply().status()).isEqualTo(418);
    MeshCall grpc =
        call(
            e,
            "/",
            headers("x-envoy-fault-abort-grpc-request", "14", "content-type", "application/grpc"));
    assertThat(grpc.localReply().status()).isEqualTo(200);
    assertThat(grpc.localReply().grpcStatus()).isEqualTo(14);
    assertThat(
            call(
                    e,
                    "/",
                    headers(
                        "x-envoy-fault-abort-request",
                        "418",
                        "x-envoy-fault-abort-request-percentage",
                        "0"))
                .localReply())
        .isNull();
    // The delay header asks 100 %, capped at the configured 50 %.
    int n = 10_000;
    int delayed = 0;
    for (int i = 0; i < n; i++) {
      MeshCall c =
          call(
              e,
              "/",
              headers(
                  "x-envoy-fault-delay-request",
                  "120",
                  "x-envoy-fault-delay-request-percentage",
                  "100"));
      if (c.delayNanos() > 0) {
        assertThat(c.delayNanos()).isEqualTo(120_000_000L);
        delayed++;
      }
      c.cancel();
    }
    double sd = Math.sqrt(n * 0.25);
    assertThat((double) delayed).isBetween(n * 0.5 - 5 * sd, n * 0.5 + 5 * sd);
  }

  @Test
  void faultsRespectHeadersClusterRestrictionAndPerRouteOverrides() {
    FaultConfig onlyTagged =
        new FaultConfig(
            null,
            new FaultConfig.Abort(500, null, false, FractionalPercent.ALWAYS),
            "c",
            null,
            List.of(exactHeader("x-chaos", "on")),
            null);
    Route disabled =
        new Route(
            "quiet",
            RouteMatch.prefix("/quiet"),
            RouteAction.Forward.to("c"),
            null,
            Map.of("fault", new FilterConfig.Disabled()));
    Route overridden =
        new Route(
            "loud",
            RouteMatch.prefix("/loud"),
            RouteAction.Forward.to("c"),
            null,
            Map.of("fault", abort(429, 100)));
    MeshEngine e =
        engineWith(
            new HttpFilter("fault", onlyTagged),
            disabled,
            overridden,
            prefixRoute("/other", "other"),
            prefixRoute("/", "c"));
    assertThat(call(e, "/", HeaderView.EMPTY).localReply()).isNull();
    assertThat(call(e, "/", headers("x-chaos", "on")).localReply().status()).isEqualTo(500);
    assertThat(call(e, "/other", headers("x-chaos", "on")).localReply())
        .as("upstream_cluster restricts")
        .isNull();
    assertThat(call(e, "/quiet", headers("x-chaos", "on")).localReply())
        .as("Disabled per route")
        .isNull();
    assertThat(call(e, "/loud", HeaderView.EMPTY).localReply().status())
        .as("route override wins")
        .isEqualTo(429);
  }

  @Test
  void maxActiveFaultsCapsFaultsInProgress() {
    FaultConfig delay =
        new FaultConfig(
            new FaultConfig.Delay(Duration.ofMillis(100), false, FractionalPercent.ALWAYS),
            null,
            null,
            null,
            null,
            2);
    MeshEngine e = engineWith(new HttpFilter("fault", delay), prefixRoute("/", "c"));
    MeshCall a = call(e, "/", HeaderView.EMPTY);
    MeshCall b = call(e, "/", HeaderView.EMPTY);
    MeshCall c = call(e, "/", HeaderView.EMPTY);
    assertThat(a.delayNanos()).isEqualTo(100_000_000L);
    assertThat(b.delayNanos()).isEqualTo(100_000_000L);
    assertThat(c.delayNanos()).as("third concurrent fault refused").isZero();
    a.beginAttempt();
    a.onResponse(200, -1, HeaderView.EMPTY);
    assertThat(call(e, "/", HeaderView.EMPTY).delayNanos())
        .as("slot released when a call ends")
        .isEqualTo(100_000_000L);
  }

  private static LocalRateLimitConfig limit(
      int max, int perFill, Duration interval, FractionalPercent enabled) {
    return new LocalRateLimitConfig(
        "rl",
        new LocalRateLimitConfig.TokenBucket(max, perFill, interval),
        enabled,
        enabled,
        0,
        List.of(new HeaderValueOption("x-local-rate-limit", "true", false, false)));
  }

  @Test
  void tokenBucketRefillsLazilyFromTheClock() {
    TokenBucket b = new TokenBucket(3, 2, Duration.ofSeconds(1).toNanos(), clock);
    assertThat(b.tryConsume()).isTrue();
    assertThat(b.tryConsume()).isTrue();
    assertThat(b.tryConsume()).isTrue();
    assertThat(b.tryConsume()).isFalse();
    clock.advance(Duration.ofMillis(999));
    assertThat(b.tryConsume()).as("no fill before the interval ends").isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(b.available()).isEqualTo(2);
    assertThat(b.tryConsume()).isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(b.available()).as("capped at max_tokens").isEqualTo(3);
  }

  @Test
  void localRateLimitRefusesWith429AndConfiguredHeaders() {
    HttpFilter rl =
        new HttpFilter(
            "envoy.filters.http.local_ratelimit",
            limit(2, 1, Duration.ofSeconds(1), FractionalPercent.ALWAYS));
    MeshEngine e = engineWith(rl, prefixRoute("/", "c"));
    call(e, "/", HeaderView.EMPTY).cancel();
    call(e, "/", HeaderView.EMPTY).cancel();
    LocalReply refused = call(e, "/", HeaderView.EMPTY).localReply();
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.reason()).isEqualTo(LocalReply.Reason.RATE_LIMITED);
    assertThat(refused.headers())
        .extracting(HeaderValueOption::name)
        .containsExactly("x-local-rate-limit", "x-envoy-ratelimited");
    clock.advance(Duration.ofSeconds(1));
    assertThat(call(e, "/", HeaderView.EMPTY).localReply()).isNull();
  }

  @Test
  void rateLimitIsOffByDefaultAndRouteOverridesHaveTheirOwnBucket() {
    HttpFilter filterOff = new HttpFilter("rl", limit(1, 1, Duration.ofSeconds(1), null));
    Route own =
        new Route(
            "own",
            RouteMatch.prefix("/own"),
            RouteAction.Forward.to("c"),
            null,
            Map.of("rl", limit(1, 1, Duration.ofSeconds(1), FractionalPercent.ALWAYS)));
    MeshEngine e = engineWith(filterOff, own, prefixRoute("/", "c"));
    for (int i = 0; i < 5; i++) {
      assertThat(call(e, "/", HeaderView.EMPTY).localReply())
          .as("filter_enabled defaults to 0 %")
          .isNull();
    }
    assertThat(call(e, "/own", HeaderView.EMPTY).localReply()).isNull();
    assertThat(call(e, "/own", HeaderView.EMPTY).localReply().status()).isEqualTo(429);
  }

  @Test
  void bucketsSurviveASnapshotSwapWhenTheirConfigIsUnchanged() {
    HttpFilter rl =
        new HttpFilter("rl", limit(1, 1, Duration.ofSeconds(60), FractionalPercent.ALWAYS));
    MeshSnapshot s1 =
        snapshot(
            List.of(
                listener(
                    "svc:80", routes("rc", vhost("v", List.of("*"), prefixRoute("/", "c"))), rl)),
            List.of(cluster("c", "10.0.0.1:80")));
    MeshSnapshot s2 =
        snapshot(
            List.of(
                listener(
                    "svc:80", routes("rc", vhost("v", List.of("*"), prefixRoute("/", "c"))), rl)),
            List.of(cluster("c", "10.0.0.1:80"), cluster("new", "10.0.0.9:80")));
    SwappableSource source = new SwappableSource(s1);
    MeshEngine e = new MeshEngine(source, EngineOptions.defaults().withClock(clock));
    assertThat(call(e, "/", HeaderView.EMPTY).localReply()).isNull();
    source.publish(s2);
    assertThat(e.snapshot()).isSameAs(s2);
    assertThat(call(e, "/", HeaderView.EMPTY).localReply().status())
        .as("same bucket, still empty")
        .isEqualTo(429);
  }
}
