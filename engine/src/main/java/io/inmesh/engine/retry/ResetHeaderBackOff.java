package io.inmesh.engine.retry;

import io.inmesh.engine.HeaderView;
import io.inmesh.engine.upstream.RandomSource;
import io.inmesh.model.RetryPolicy;
import java.util.List;

/**
 * Envoy's {@code rate_limited_retry_back_off}: the first configured reset header that holds a valid
 * interval (SECONDS: a number of seconds; UNIX_TIMESTAMP: seconds since the epoch, minus now) with
 * {@code 0 < interval <= max_interval} sets the back-off. Envoy jitters it upwards to a random time
 * in {@code [interval, 1.5 x interval)} so that rate-limited clients do not return in lockstep;
 * that jitter is kept (still never beyond {@code max_interval}).
 */
final class ResetHeaderBackOff {
  private final List<RetryPolicy.ResetHeader> headers;
  private final long maxNanos;

  ResetHeaderBackOff(RetryPolicy.RateLimitedBackOff config) {
    this.headers = config.resetHeaders();
    this.maxNanos =
        config.maxInterval() == null
            ? CompiledRetryPolicy.DEFAULT_RESET_MAX_NANOS
            : config.maxInterval().toNanos();
  }

  long delayNanos(HeaderView response, long epochMillis, RandomSource random) {
    for (int i = 0; i < headers.size(); i++) {
      RetryPolicy.ResetHeader h = headers.get(i);
      String raw = response.get(h.name().toLowerCase(java.util.Locale.ROOT));
      if (raw == null) {
        continue;
      }
      long value = parseSeconds(raw.trim());
      if (value < 0) {
        continue;
      }
      long intervalNanos =
          h.format() == RetryPolicy.ResetHeader.Format.SECONDS
              ? value * 1_000_000_000L
              : (value * 1000 - epochMillis) * 1_000_000L;
      if (intervalNanos <= 0 || intervalNanos > maxNanos) {
        continue;
      }
      long jitter =
          intervalNanos / 2 <= 1 ? 0 : Math.floorMod(random.nextLong(), intervalNanos / 2);
      return Math.min(maxNanos, intervalNanos + jitter);
    }
    return -1;
  }

  private static long parseSeconds(String s) {
    if (s.isEmpty() || s.length() > 12) {
      return -1;
    }
    long v = 0;
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
