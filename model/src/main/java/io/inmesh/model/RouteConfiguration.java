package io.inmesh.model;

import java.util.List;
import java.util.Objects;

/** {@code config.route.v3.RouteConfiguration} (RDS or inline in a listener's HCM). */
public record RouteConfiguration(
    String name, List<VirtualHost> virtualHosts, HeaderMutations requestHeaders) {
  public RouteConfiguration {
    Objects.requireNonNull(name, "name");
    virtualHosts = Immutables.list(virtualHosts);
    requestHeaders = requestHeaders == null ? HeaderMutations.NONE : requestHeaders;
  }
}
