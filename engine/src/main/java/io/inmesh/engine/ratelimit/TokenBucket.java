package io.inmesh.engine.ratelimit;

import io.inmesh.engine.upstream.UpstreamClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Envoy's {@code TokenBucket} as the local rate limit uses it: it starts full with {@code
 * max_tokens}, gains {@code tokens_per_fill} at the end of each {@code fill_interval} (never above
 * the maximum), and each admitted call takes one token.
 *
 * <p>Lock-free and allocation-free: refills happen lazily on {@link #tryConsume()} from the clock.
 * The state is one {@code long} updated by CAS: the number of fill intervals elapsed since creation
 * (high 32 bits, unsigned, wrapping after 2^32 intervals — over six years at Envoy's 50 ms minimum)
 * and the tokens left (low 32 bits).
 */
public final class TokenBucket {
  private final long maxTokens;
  private final long tokensPerFill;
  private final long intervalNanos;
  private final long origin;
  private final UpstreamClock clock;
  private final AtomicLong state;

  public TokenBucket(int maxTokens, int tokensPerFill, long intervalNanos, UpstreamClock clock) {
    if (maxTokens < 1 || tokensPerFill < 1 || intervalNanos < 1) {
      throw new IllegalArgumentException(
          "token bucket needs max_tokens, tokens_per_fill and fill_interval > 0: "
              + maxTokens
              + ", "
              + tokensPerFill
              + ", "
              + intervalNanos
              + "ns");
    }
    this.maxTokens = maxTokens;
    this.tokensPerFill = tokensPerFill;
    this.intervalNanos = intervalNanos;
    this.clock = clock;
    this.origin = clock.nanoTime();
    this.state = new AtomicLong(maxTokens);
  }

  /** Takes a token if one is available. */
  public boolean tryConsume() {
    long fills = ((clock.nanoTime() - origin) / intervalNanos) & 0xFFFFFFFFL;
    for (; ; ) {
      long s = state.get();
      long tokens = refilled(s, fills);
      if (tokens <= 0) {
        // Empty only happens with no fill elapsed since the last update: nothing to store.
        return false;
      }
      if (state.compareAndSet(s, (fills << 32) | (tokens - 1))) {
        return true;
      }
    }
  }

  /** Tokens available now (for tests and diagnostics). */
  public long available() {
    long fills = ((clock.nanoTime() - origin) / intervalNanos) & 0xFFFFFFFFL;
    return refilled(state.get(), fills);
  }

  private long refilled(long s, long fills) {
    long tokens = s & 0xFFFFFFFFL;
    long elapsed = (fills - (s >>> 32)) & 0xFFFFFFFFL;
    if (elapsed == 0) {
      return tokens;
    }
    // elapsed * perFill may be huge after a long idle time: cap before multiplying overflows.
    if (elapsed >= maxTokens) {
      return maxTokens;
    }
    return Math.min(maxTokens, tokens + elapsed * tokensPerFill);
  }
}
