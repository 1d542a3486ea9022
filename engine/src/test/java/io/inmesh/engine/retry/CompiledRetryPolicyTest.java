package io.inmesh.engine.retry;

import static io.inmesh.engine.testing.MeshFixture.headers;
import static io.inmesh.engine.testing.MeshFixture.retry;
import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.AttemptFailure;
import io.inmesh.engine.HeaderView;
import io.inmesh.engine.upstream.RandomSource;
import io.inmesh.model.HeaderMatcher;
import io.inmesh.model.RetryPolicy;
import io.inmesh.model.StringMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompiledRetryPolicyTest {
  private static CompiledRetryPolicy policy(String... tokens) {
    return new CompiledRetryPolicy(retry(3, tokens));
  }

  private static boolean status(CompiledRetryPolicy p, int status) {
    return p.retriableResponse(status, -1, HeaderView.EMPTY);
  }

  @Test
  void fiveXxRetriesEvery5xxAndEveryFailureWithoutResponse() {
    CompiledRetryPolicy p = policy("5xx");
    assertThat(status(p, 500)).isTrue();
    assertThat(status(p, 503)).isTrue();
    assertThat(status(p, 499)).isFalse();
    assertThat(status(p, 409)).isFalse();
    for (AttemptFailure f : AttemptFailure.values()) {
      assertThat(p.retriableFailure(f)).as(f.name()).isTrue();
    }
  }

  @Test
  void gatewayErrorIsOnly502To504PlusFailures() {
    CompiledRetryPolicy p = policy("gateway-error");
    assertThat(status(p, 500)).isFalse();
    assertThat(status(p, 502)).isTrue();
    assertThat(status(p, 504)).isTrue();
    assertThat(p.retriableFailure(AttemptFailure.TIMEOUT)).as("per-try timeout").isTrue();
    assertThat(p.retriableFailure(AttemptFailure.CONNECT_FAILURE)).isTrue();
  }

  @Test
  void narrowTokensRetryOnlyTheirOutcome() {
    CompiledRetryPolicy connect = policy("connect-failure");
    assertThat(connect.retriableFailure(AttemptFailure.CONNECT_FAILURE)).isTrue();
    assertThat(connect.retriableFailure(AttemptFailure.RESET)).isFalse();
    assertThat(connect.retriableFailure(AttemptFailure.TIMEOUT)).isFalse();
    assertThat(status(connect, 503)).isFalse();

    CompiledRetryPolicy reset = policy("reset");
    assertThat(reset.retriableFailure(AttemptFailure.RESET)).isTrue();
    assertThat(reset.retriableFailure(AttemptFailure.TIMEOUT)).isTrue();
    assertThat(status(reset, 503)).isFalse();

    CompiledRetryPolicy refused = policy("refused-stream");
    assertThat(refused.retriableFailure(AttemptFailure.REFUSED_STREAM)).isTrue();
    assertThat(refused.retriableFailure(AttemptFailure.RESET)).isFalse();

    CompiledRetryPolicy conflict = policy("retriable-4xx");
    assertThat(status(conflict, 409)).isTrue();
    assertThat(status(conflict, 429)).isFalse();

    CompiledRetryPolicy ignored = policy("http3-post-connect-failure");
    assertThat(ignored.enabled()).isFalse();
  }

  @Test
  void retriableStatusCodesAndHeaders() {
    RetryPolicy raw =
        new RetryPolicy(
            Set.of("retriable-status-codes", "retriable-headers"),
            2,
            null,
            null,
            Set.of(418, 429),
            List.of(
                new HeaderMatcher(
                    "x-retry-me",
                    new HeaderMatcher.Text(StringMatcher.exact("yes")),
                    false,
                    false)),
            List.of(),
            null,
            null,
            null,
            List.of(),
            0,
            null);
    CompiledRetryPolicy p = new CompiledRetryPolicy(raw);
    assertThat(status(p, 418)).isTrue();
    assertThat(status(p, 429)).isTrue();
    assertThat(status(p, 500)).isFalse();
    assertThat(p.retriableResponse(200, -1, headers("x-retry-me", "yes"))).isTrue();
    assertThat(p.retriableResponse(200, -1, headers("x-retry-me", "no"))).isFalse();
  }

  @Test
  void envoyHeadersOverrideTheStatusRules() {
    CompiledRetryPolicy p = policy("5xx");
    assertThat(p.retriableResponse(503, -1, headers("x-envoy-overloaded", "true"))).isFalse();
    assertThat(p.retriableResponse(503, -1, headers("x-envoy-ratelimited", "true"))).isFalse();
    CompiledRetryPolicy rl = policy("envoy-ratelimited");
    assertThat(rl.retriableResponse(429, -1, headers("x-envoy-ratelimited", "true"))).isTrue();
  }

  @Test
  void grpcTokensReadTheGrpcStatus() {
    CompiledRetryPolicy p =
        policy("unavailable", "cancelled", "deadline-exceeded", "resource-exhausted");
    assertThat(p.retriableResponse(200, 14, HeaderView.EMPTY)).isTrue();
    assertThat(p.retriableResponse(200, -1, headers("grpc-status", "1"))).isTrue();
    assertThat(p.retriableResponse(200, -1, headers("grpc-status", "4"))).isTrue();
    assertThat(p.retriableResponse(200, -1, headers("grpc-status", "8"))).isTrue();
    assertThat(p.retriableResponse(200, -1, headers("grpc-status", "13")))
        .as("internal not listed")
        .isFalse();
    assertThat(p.retriableResponse(200, -1, headers("grpc-status", "0"))).isFalse();
    assertThat(policy("internal").retriableResponse(200, 13, HeaderView.EMPTY)).isTrue();
  }

  @Test
  void backOffIsUniformBelowTheEnvoyBoundAndCapped() {
    JitteredBackOff b = new CompiledRetryPolicy(retry(5, "5xx")).backOff();
    long ms = 1_000_000;
    assertThat(b.boundNanos(1)).isEqualTo(25 * ms);
    assertThat(b.boundNanos(2)).isEqualTo(75 * ms);
    assertThat(b.boundNanos(3)).isEqualTo(175 * ms);
    assertThat(b.boundNanos(4)).as("capped at 10 x base").isEqualTo(250 * ms);
    assertThat(b.boundNanos(40)).isEqualTo(250 * ms);
    RandomSource r = RandomSource.seeded(3);
    for (int n = 1; n <= 4; n++) {
      long max = 0;
      long sum = 0;
      int samples = 5_000;
      for (int i = 0; i < samples; i++) {
        long d = b.delayNanos(n, r);
        assertThat(d).isBetween(0L, b.boundNanos(n) - 1);
        max = Math.max(max, d);
        sum += d;
      }
      assertThat(max).isGreaterThan(b.boundNanos(n) * 95 / 100);
      // Uniform: the mean is half the bound, within 5 % of the bound.
      assertThat((double) sum / samples).isBetween(b.boundNanos(n) * 0.45, b.boundNanos(n) * 0.55);
    }
  }

  @Test
  void configuredIntervalsReplaceTheDefaults() {
    RetryPolicy raw =
        new RetryPolicy(
            Set.of("5xx"),
            1,
            null,
            null,
            Set.of(),
            List.of(),
            List.of(),
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            null,
            List.of(),
            0,
            null);
    JitteredBackOff b = new CompiledRetryPolicy(raw).backOff();
    assertThat(b.boundNanos(1)).isEqualTo(100_000_000L);
    assertThat(b.boundNanos(2)).isEqualTo(300_000_000L);
  }
}
