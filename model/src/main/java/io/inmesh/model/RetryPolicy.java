package io.inmesh.model;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code config.route.v3.RetryPolicy}, kept with Envoy's meaning (proxyless gRPC ignores most of
 * it; the mesh does not).
 *
 * @param retryOn the raw {@code retry_on} tokens, e.g. {@code 5xx}, {@code connect-failure}, {@code
 *     unavailable}; gRPC's {@code retryableStatusCodes} style names are normalised to Envoy's
 *     lower-case, dash-separated tokens
 * @param numRetries Envoy default 1
 * @param perTryTimeout null: none (the route timeout still applies)
 * @param perTryIdleTimeout null: none
 * @param retriableStatusCodes used by {@code retriable-status-codes}
 * @param retriableHeaders used by {@code retriable-headers}: a response matching any is retried
 * @param retriableRequestHeaders a request is only retried if it matches one of these (empty: any)
 * @param baseInterval back-off base (Envoy default 25 ms); null means default
 * @param maxInterval back-off cap (Envoy default 10 x base); null means default
 * @param rateLimitedBackOff back-off from response headers such as Retry-After; null: none
 * @param retryHostPredicates extension names, e.g. {@code
 *     envoy.retry_host_predicates.previous_hosts}
 * @param hostSelectionRetryMaxAttempts how often host selection is retried to satisfy the
 *     predicates
 * @param retryPriority extension name such as {@code envoy.retry_priorities.previous_priorities},
 *     or null
 */
public record RetryPolicy(
    Set<String> retryOn,
    int numRetries,
    Duration perTryTimeout,
    Duration perTryIdleTimeout,
    Set<Integer> retriableStatusCodes,
    List<HeaderMatcher> retriableHeaders,
    List<HeaderMatcher> retriableRequestHeaders,
    Duration baseInterval,
    Duration maxInterval,
    RateLimitedBackOff rateLimitedBackOff,
    List<String> retryHostPredicates,
    long hostSelectionRetryMaxAttempts,
    String retryPriority) {
  public RetryPolicy {
    retryOn = Immutables.set(retryOn);
    retriableStatusCodes = Immutables.set(retriableStatusCodes);
    retriableHeaders = Immutables.list(retriableHeaders);
    retriableRequestHeaders = Immutables.list(retriableRequestHeaders);
    retryHostPredicates = Immutables.list(retryHostPredicates);
  }

  /**
   * Envoy's {@code RateLimitedRetryBackOff}.
   *
   * @param resetHeaders headers read from a response, in order
   * @param maxInterval cap on the interval taken from a header
   */
  public record RateLimitedBackOff(List<ResetHeader> resetHeaders, Duration maxInterval) {
    public RateLimitedBackOff {
      resetHeaders = Immutables.list(resetHeaders);
    }
  }

  /** A response header carrying a back-off, in seconds or as a Unix timestamp. */
  public record ResetHeader(String name, Format format) {
    /** How the header's value is read. */
    public enum Format {
      SECONDS,
      UNIX_TIMESTAMP
    }
  }
}
