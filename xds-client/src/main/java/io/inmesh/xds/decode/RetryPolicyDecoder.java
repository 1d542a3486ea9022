package io.inmesh.xds.decode;

import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.inmesh.model.RetryPolicy.RateLimitedBackOff;
import io.inmesh.model.RetryPolicy.ResetHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code config.route.v3.RetryPolicy} with Envoy's defaults resolved. */
final class RetryPolicyDecoder {
  /** Envoy's cap on intervals taken from rate-limit reset headers. */
  private static final Duration DEFAULT_RATE_LIMITED_MAX = Duration.ofSeconds(300);

  private RetryPolicyDecoder() {}

  static io.inmesh.model.RetryPolicy retryPolicy(RetryPolicy r, String path) {
    Duration base = null;
    Duration max = null;
    if (r.hasRetryBackOff()) {
      String p = path + ".retry_back_off";
      if (!r.getRetryBackOff().hasBaseInterval()) {
        throw new Invalid(p + ".base_interval", "is required");
      }
      base = Values.positiveDuration(r.getRetryBackOff().getBaseInterval(), p + ".base_interval");
      if (r.getRetryBackOff().hasMaxInterval()) {
        max = Values.positiveDuration(r.getRetryBackOff().getMaxInterval(), p + ".max_interval");
        if (max.compareTo(base) < 0) {
          throw new Invalid(p + ".max_interval", "must not be less than base_interval");
        }
      }
    }
    Set<Integer> codes = new LinkedHashSet<>();
    for (int code : r.getRetriableStatusCodesList()) {
      codes.add(code);
    }
    List<String> predicates = new ArrayList<>();
    for (int i = 0; i < r.getRetryHostPredicateCount(); i++) {
      predicates.add(
          extensionName(r.getRetryHostPredicate(i), path + ".retry_host_predicate[" + i + "]"));
    }
    String priority = null;
    if (r.hasRetryPriority()) {
      priority = extensionName(r.getRetryPriority(), path + ".retry_priority");
    }
    return new io.inmesh.model.RetryPolicy(
        retryOn(r.getRetryOn()),
        r.hasNumRetries() ? Values.uint32(r.getNumRetries().getValue()) : 1,
        r.hasPerTryTimeout()
            ? Values.duration(r.getPerTryTimeout(), path + ".per_try_timeout")
            : null,
        r.hasPerTryIdleTimeout()
            ? Values.duration(r.getPerTryIdleTimeout(), path + ".per_try_idle_timeout")
            : null,
        codes,
        Matchers.headers(r.getRetriableHeadersList(), path + ".retriable_headers"),
        Matchers.headers(r.getRetriableRequestHeadersList(), path + ".retriable_request_headers"),
        base,
        max,
        r.hasRateLimitedRetryBackOff()
            ? rateLimited(r, path + ".rate_limited_retry_back_off")
            : null,
        predicates,
        r.getHostSelectionRetryMaxAttempts(),
        priority);
  }

  /** Comma-separated tokens, trimmed; gRPC-style upper-case names become Envoy's dashed form. */
  static Set<String> retryOn(String raw) {
    Set<String> out = new LinkedHashSet<>();
    for (String token : raw.split(",")) {
      String t = token.trim();
      if (!t.isEmpty()) {
        out.add(t.toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    }
    return out;
  }

  private static RateLimitedBackOff rateLimited(RetryPolicy r, String path) {
    var rl = r.getRateLimitedRetryBackOff();
    if (rl.getResetHeadersCount() == 0) {
      throw new Invalid(path + ".reset_headers", "at least one reset header is required");
    }
    List<ResetHeader> headers = new ArrayList<>();
    for (int i = 0; i < rl.getResetHeadersCount(); i++) {
      var h = rl.getResetHeaders(i);
      String p = path + ".reset_headers[" + i + "]";
      ResetHeader.Format format =
          switch (h.getFormat()) {
            case SECONDS -> ResetHeader.Format.SECONDS;
            case UNIX_TIMESTAMP -> ResetHeader.Format.UNIX_TIMESTAMP;
            default -> throw new Invalid(p + ".format", "unknown value " + h.getFormatValue());
          };
      headers.add(
          new ResetHeader(
              Matchers.nonEmpty(h.getName(), p + ".name").toLowerCase(Locale.ROOT), format));
    }
    Duration max =
        rl.hasMaxInterval()
            ? Values.positiveDuration(rl.getMaxInterval(), path + ".max_interval")
            : DEFAULT_RATE_LIMITED_MAX;
    return new RateLimitedBackOff(headers, max);
  }

  /** An extension's name, or its type URL's message name when it has none. */
  private static String extensionName(
      io.envoyproxy.envoy.config.route.v3.RetryPolicy.RetryHostPredicate p, String path) {
    if (!p.getName().isEmpty()) {
      return p.getName();
    }
    if (p.hasTypedConfig()) {
      return TypedConfigs.typeUrl(p.getTypedConfig(), path + ".typed_config");
    }
    throw new Invalid(path + ".name", "must not be empty");
  }

  private static String extensionName(
      io.envoyproxy.envoy.config.route.v3.RetryPolicy.RetryPriority p, String path) {
    if (!p.getName().isEmpty()) {
      return p.getName();
    }
    if (p.hasTypedConfig()) {
      return TypedConfigs.typeUrl(p.getTypedConfig(), path + ".typed_config");
    }
    throw new Invalid(path + ".name", "must not be empty");
  }
}
