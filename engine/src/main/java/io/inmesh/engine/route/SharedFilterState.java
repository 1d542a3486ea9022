package io.inmesh.engine.route;

import io.inmesh.engine.ratelimit.TokenBucket;
import io.inmesh.engine.upstream.UpstreamClock;
import io.inmesh.model.LocalRateLimitConfig;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Filter state that must outlive a snapshot swap while its config is unchanged: token buckets
 * (keyed by where the config sits and the config itself) and active-fault counters (keyed by the
 * filter). Used by the compiler only (off the request path); after each compile, entries the new
 * snapshot no longer uses are dropped.
 */
public final class SharedFilterState {
  private record BucketKey(String scope, LocalRateLimitConfig config) {}

  private final Map<BucketKey, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> activeFaults = new ConcurrentHashMap<>();
  private final UpstreamClock clock;

  public SharedFilterState(UpstreamClock clock) {
    this.clock = clock;
  }

  TokenBucket bucket(String scope, LocalRateLimitConfig config, Set<Object> used) {
    LocalRateLimitConfig.TokenBucket tb = config.tokenBucket();
    if (tb == null) {
      return null;
    }
    BucketKey key = new BucketKey(scope, config);
    used.add(key);
    return buckets.computeIfAbsent(
        key,
        k ->
            new TokenBucket(
                tb.maxTokens(), tb.tokensPerFill(), tb.fillInterval().toNanos(), clock));
  }

  AtomicInteger activeFaults(String scope, Set<Object> used) {
    used.add(scope);
    return activeFaults.computeIfAbsent(scope, k -> new AtomicInteger());
  }

  void retainOnly(Set<Object> used) {
    buckets.keySet().retainAll(used);
    // An active-fault counter may still be held by calls in flight: dropping it from the map only
    // means a future filter of that name starts a fresh count; in-flight releases hit the old one.
    activeFaults.keySet().retainAll(used);
  }

  /** Token buckets alive now (for tests). */
  public int bucketCount() {
    return buckets.size();
  }
}
