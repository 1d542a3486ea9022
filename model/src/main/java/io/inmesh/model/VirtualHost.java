package io.inmesh.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code config.route.v3.VirtualHost}: chosen by the request's authority among {@link #domains}
 * (exact, {@code *.suffix}, {@code prefix.*}, {@code *}; Envoy's precedence is exact, then longest
 * suffix wildcard, then longest prefix wildcard, then {@code *}).
 *
 * @param retryPolicy applies to routes that set none
 * @param perFilterConfig {@code typed_per_filter_config}, by filter name
 */
public record VirtualHost(
    String name,
    List<String> domains,
    List<Route> routes,
    RetryPolicy retryPolicy,
    HeaderMutations requestHeaders,
    Map<String, FilterConfig> perFilterConfig) {
  public VirtualHost {
    Objects.requireNonNull(name, "name");
    domains = Immutables.list(domains);
    routes = Immutables.list(routes);
    requestHeaders = requestHeaders == null ? HeaderMutations.NONE : requestHeaders;
    perFilterConfig = Immutables.map(perFilterConfig);
  }
}
