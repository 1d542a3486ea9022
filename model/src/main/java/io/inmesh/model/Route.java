package io.inmesh.model;

import java.util.Map;
import java.util.Objects;

/**
 * {@code config.route.v3.Route}: the first route of a virtual host whose match holds decides.
 *
 * @param perFilterConfig {@code typed_per_filter_config}, by filter name
 */
public record Route(
    String name,
    RouteMatch match,
    RouteAction action,
    HeaderMutations requestHeaders,
    Map<String, FilterConfig> perFilterConfig) {
  public Route {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(action, "action");
    requestHeaders = requestHeaders == null ? HeaderMutations.NONE : requestHeaders;
    perFilterConfig = Immutables.map(perFilterConfig);
  }
}
