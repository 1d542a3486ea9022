package io.inmesh.model;

import java.time.Duration;
import java.util.List;

/**
 * The parts of {@code HttpConnectionManager} a client-side mesh uses. Exactly one of {@link
 * #routeConfigName} (RDS) and {@link #inlineRoutes} is set.
 *
 * @param httpFilters in chain order; the router filter ends it
 * @param maxStreamDuration {@code common_http_protocol_options.max_stream_duration}, or null
 */
public record HttpConnectionManager(
    String routeConfigName,
    RouteConfiguration inlineRoutes,
    List<HttpFilter> httpFilters,
    Duration maxStreamDuration) {
  public HttpConnectionManager {
    if ((routeConfigName == null) == (inlineRoutes == null)) {
      throw new IllegalArgumentException(
          "exactly one of RDS name and inline route config is required");
    }
    httpFilters = Immutables.list(httpFilters);
  }
}
