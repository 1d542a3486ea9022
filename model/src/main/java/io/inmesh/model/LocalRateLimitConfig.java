package io.inmesh.model;

import java.time.Duration;
import java.util.List;

/**
 * {@code envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit}: a token bucket shared by
 * the calls it covers (per filter or per route override).
 *
 * @param tokenBucket null means the filter is configured but has no bucket (no limit)
 * @param filterEnabled share of calls for which the limit is checked (Envoy default 0 %)
 * @param filterEnforced share of checked calls that are actually refused (Envoy default 0 %)
 * @param status the reply status when refused (Envoy default 429)
 * @param responseHeadersToAdd added to the local reply
 */
public record LocalRateLimitConfig(
    String statPrefix,
    TokenBucket tokenBucket,
    FractionalPercent filterEnabled,
    FractionalPercent filterEnforced,
    int status,
    List<HeaderValueOption> responseHeadersToAdd)
    implements FilterConfig {
  public LocalRateLimitConfig {
    responseHeadersToAdd = Immutables.list(responseHeadersToAdd);
  }

  /** Envoy's {@code type.v3.TokenBucket}. */
  public record TokenBucket(int maxTokens, int tokensPerFill, Duration fillInterval) {}
}
