package io.inmesh.engine.retry;

import io.inmesh.engine.AttemptFailure;
import io.inmesh.engine.HeaderView;
import io.inmesh.engine.OutboundRequest;
import io.inmesh.engine.route.CompiledHeaderMatcher;
import io.inmesh.model.RetryPolicy;
import java.time.Duration;

/**
 * A route's {@code RetryPolicy} compiled for the request path: which outcomes are retriable
 * (Envoy's {@code retry_on} semantics), how many retries, per-try timeout and back-off.
 *
 * <p>Envoy's rules kept here: a response with {@code x-envoy-overloaded} is never retried; one with
 * {@code x-envoy-ratelimited} only under {@code envoy-ratelimited}; {@code 5xx} and {@code
 * gateway-error} also cover resets, connect failures and per-try timeouts (Envoy counts them as the
 * 503/504 they become); {@code reset} covers every failure without a response, per-try timeouts
 * included; gRPC tokens read {@code grpc-status}.
 */
public final class CompiledRetryPolicy {
  /** Envoy's default base interval. */
  public static final long DEFAULT_BASE_NANOS = Duration.ofMillis(25).toNanos();

  /** Envoy's default cap on an interval taken from a rate-limit reset header. */
  public static final long DEFAULT_RESET_MAX_NANOS = Duration.ofSeconds(300).toNanos();

  private static final int ANY_FAILURE = RetryOn.HTTP_5XX | RetryOn.GATEWAY_ERROR | RetryOn.RESET;

  private final int retryOn;
  private final int numRetries;
  private final long perTryTimeoutNanos;
  private final boolean[] retriableStatus = new boolean[600];
  private final CompiledHeaderMatcher[] retriableHeaders;
  private final CompiledHeaderMatcher[] retriableRequestHeaders;
  private final JitteredBackOff backOff;
  private final ResetHeaderBackOff resetBackOff;
  private final boolean previousHosts;
  private final int hostSelectionMaxAttempts;

  public CompiledRetryPolicy(RetryPolicy p) {
    this.retryOn = RetryOn.parse(p.retryOn());
    this.numRetries = Math.max(0, p.numRetries());
    this.perTryTimeoutNanos =
        p.perTryTimeout() == null || p.perTryTimeout().isZero() ? 0 : p.perTryTimeout().toNanos();
    for (int code : p.retriableStatusCodes()) {
      if (code >= 100 && code < 600) {
        retriableStatus[code] = true;
      }
    }
    this.retriableHeaders = CompiledHeaderMatcher.all(p.retriableHeaders());
    this.retriableRequestHeaders = CompiledHeaderMatcher.all(p.retriableRequestHeaders());
    long base = p.baseInterval() == null ? DEFAULT_BASE_NANOS : p.baseInterval().toNanos();
    long max = p.maxInterval() == null ? base * 10 : p.maxInterval().toNanos();
    this.backOff = new JitteredBackOff(base, Math.max(base, max));
    this.resetBackOff =
        p.rateLimitedBackOff() == null ? null : new ResetHeaderBackOff(p.rateLimitedBackOff());
    this.previousHosts =
        p.retryHostPredicates().contains("envoy.retry_host_predicates.previous_hosts");
    this.hostSelectionMaxAttempts =
        (int) Math.min(Integer.MAX_VALUE, p.hostSelectionRetryMaxAttempts());
  }

  public int numRetries() {
    return numRetries;
  }

  /** The per-try timeout, 0 when none. */
  public long perTryTimeoutNanos() {
    return perTryTimeoutNanos;
  }

  public JitteredBackOff backOff() {
    return backOff;
  }

  /** Whether {@code previous_hosts} is configured: retries avoid hosts already tried. */
  public boolean previousHosts() {
    return previousHosts;
  }

  public int hostSelectionMaxAttempts() {
    return hostSelectionMaxAttempts;
  }

  /** Whether the policy can retry at all. */
  public boolean enabled() {
    return retryOn != 0 && numRetries > 0;
  }

  /** {@code retriable_request_headers}: the request must match one of them (any when empty). */
  public boolean requestRetriable(OutboundRequest request) {
    if (retriableRequestHeaders.length == 0) {
      return true;
    }
    for (CompiledHeaderMatcher m : retriableRequestHeaders) {
      if (m.matches(request)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a response is retriable.
   *
   * @param grpcStatus the gRPC status if the adapter knows it, else -1 ({@code grpc-status} is then
   *     read from {@code headers})
   */
  public boolean retriableResponse(int status, int grpcStatus, HeaderView headers) {
    if (headers.get("x-envoy-overloaded") != null) {
      return false;
    }
    if (headers.get("x-envoy-ratelimited") != null) {
      return (retryOn & RetryOn.ENVOY_RATELIMITED) != 0;
    }
    if ((retryOn & RetryOn.HTTP_5XX) != 0 && status >= 500) {
      return true;
    }
    if ((retryOn & RetryOn.GATEWAY_ERROR) != 0 && status >= 502 && status <= 504) {
      return true;
    }
    if ((retryOn & RetryOn.RETRIABLE_4XX) != 0 && status == 409) {
      return true;
    }
    if ((retryOn & RetryOn.RETRIABLE_STATUS_CODES) != 0
        && status >= 100
        && status < 600
        && retriableStatus[status]) {
      return true;
    }
    if ((retryOn & RetryOn.RETRIABLE_HEADERS) != 0) {
      for (CompiledHeaderMatcher m : retriableHeaders) {
        if (m.matches(headers)) {
          return true;
        }
      }
    }
    if ((retryOn
            & (RetryOn.GRPC_CANCELLED
                | RetryOn.GRPC_DEADLINE_EXCEEDED
                | RetryOn.GRPC_INTERNAL
                | RetryOn.GRPC_RESOURCE_EXHAUSTED
                | RetryOn.GRPC_UNAVAILABLE))
        != 0) {
      int g = grpcStatus >= 0 ? grpcStatus : parseGrpcStatus(headers.get("grpc-status"));
      return (retryOn & RetryOn.grpcBit(g)) != 0;
    }
    return false;
  }

  /** Whether an attempt that produced no response is retriable. */
  public boolean retriableFailure(AttemptFailure failure) {
    int bits =
        switch (failure) {
          case CONNECT_FAILURE ->
              ANY_FAILURE | RetryOn.CONNECT_FAILURE | RetryOn.RESET_BEFORE_REQUEST;
          case REFUSED_STREAM -> ANY_FAILURE | RetryOn.REFUSED_STREAM;
          case RESET, TIMEOUT -> ANY_FAILURE;
        };
    return (retryOn & bits) != 0;
  }

  /**
   * The back-off a rate-limited response asks for through the configured reset headers, or -1 when
   * none applies (then the jittered exponential back-off is used).
   */
  public long resetBackOffNanos(
      HeaderView headers, long epochMillis, io.inmesh.engine.upstream.RandomSource random) {
    return resetBackOff == null ? -1 : resetBackOff.delayNanos(headers, epochMillis, random);
  }

  static int parseGrpcStatus(String s) {
    if (s == null || s.isEmpty() || s.length() > 3) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
