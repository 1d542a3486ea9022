package io.inmesh.engine.route;

import io.inmesh.engine.OutboundRequest;

/** A virtual host's routes in order: the first that matches wins. */
public final class VirtualHostEntry {
  private final String name;
  private final RouteEntry[] routes;

  VirtualHostEntry(String name, RouteEntry[] routes) {
    this.name = name;
    this.routes = routes;
  }

  public String name() {
    return name;
  }

  /** The first matching route, or null (Envoy's NR). */
  public RouteEntry match(OutboundRequest request) {
    for (RouteEntry r : routes) {
      if (r.matches(request)) {
        return r;
      }
    }
    return null;
  }

  public int size() {
    return routes.length;
  }
}
