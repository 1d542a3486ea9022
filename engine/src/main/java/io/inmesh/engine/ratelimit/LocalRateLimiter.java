package io.inmesh.engine.ratelimit;

import io.inmesh.engine.upstream.RandomSource;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HeaderValueOption;
import io.inmesh.model.LocalRateLimitConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * One effective {@code envoy.filters.http.local_ratelimit} config (the filter's or a per-route
 * override) with its token bucket. Envoy's rules: the bucket is only consulted for the {@code
 * filter_enabled} share of calls (default 0 %: off), and a call without a token is only refused for
 * the {@code filter_enforced} share (default 0 %); a refusal answers {@code status} (default 429)
 * with {@code response_headers_to_add} and {@code x-envoy-ratelimited: true}.
 */
public final class LocalRateLimiter {
  private final TokenBucket bucket;
  private final long enabledPerMillion;
  private final long enforcedPerMillion;
  private final int status;
  private final List<HeaderValueOption> replyHeaders;

  /**
   * @param bucket shared by every call this config covers; null when the config has none
   */
  public LocalRateLimiter(LocalRateLimitConfig config, TokenBucket bucket) {
    this.bucket = bucket;
    this.enabledPerMillion = perMillion(config.filterEnabled());
    this.enforcedPerMillion = perMillion(config.filterEnforced());
    this.status = config.status() <= 0 ? 429 : config.status();
    List<HeaderValueOption> headers = new ArrayList<>(config.responseHeadersToAdd());
    headers.add(new HeaderValueOption("x-envoy-ratelimited", "true", false, false));
    this.replyHeaders = List.copyOf(headers);
  }

  private static long perMillion(FractionalPercent p) {
    return p == null ? 0 : p.perMillion();
  }

  /** Whether this call is refused. Consumes a token when the limit is enabled for it. */
  public boolean refuse(RandomSource random) {
    if (bucket == null || !draw(enabledPerMillion, random)) {
      return false;
    }
    if (bucket.tryConsume()) {
      return false;
    }
    return draw(enforcedPerMillion, random);
  }

  private static boolean draw(long perMillion, RandomSource random) {
    return perMillion >= 1_000_000 || (perMillion > 0 && random.nextInt(1_000_000) < perMillion);
  }

  /** The status of a refusal. */
  public int status() {
    return status;
  }

  /** The headers of a refusal, {@code x-envoy-ratelimited} included. */
  public List<HeaderValueOption> replyHeaders() {
    return replyHeaders;
  }

  public TokenBucket bucket() {
    return bucket;
  }
}
