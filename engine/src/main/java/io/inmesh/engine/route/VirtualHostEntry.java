package io.inmesh.engine.route;

import io.inmesh.engine.OutboundRequest;

/** A virtual host's routes in order: the first that matches wins. */
public final class VirtualHostEntry {
  private final String name;
  private final RouteEntry[] routes;
  private final RouteIndex index;

  VirtualHostEntry(String name, RouteEntry[] routes) {
    this.name = name;
    this.routes = routes;
    this.index = RouteIndex.build(routes);
  }

  public String name() {
    return name;
  }

  /**
   * The first matching route, or null (Envoy's NR). Only the routes the index leaves as candidates
   * for the path are tested, in table order, which gives the same answer as testing every route in
   * order.
   */
  public RouteEntry match(OutboundRequest request) {
    RouteEntry[] candidates = index == null ? routes : index.candidates(request.path());
    for (RouteEntry r : candidates) {
      if (r.matches(request)) {
        return r;
      }
    }
    return null;
  }

  /** The first matching route found by testing every route in order: the reference for tests. */
  RouteEntry matchLinear(OutboundRequest request) {
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
