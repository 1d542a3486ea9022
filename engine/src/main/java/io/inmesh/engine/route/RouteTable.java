package io.inmesh.engine.route;

import io.inmesh.engine.OutboundRequest;

/** One listener's compiled {@code RouteConfiguration}: virtual host selection, then route match. */
public final class RouteTable {
  private final String name;
  private final VirtualHostIndex vhosts;

  RouteTable(String name, VirtualHostIndex vhosts) {
    this.name = name;
    this.vhosts = vhosts;
  }

  public String name() {
    return name;
  }

  /** The matching route, or null (Envoy's NR: no virtual host or no route matched). */
  public RouteEntry match(OutboundRequest request) {
    VirtualHostEntry vh = vhosts.find(request.authority(), request.host());
    return vh == null ? null : vh.match(request);
  }

  /** The virtual host chosen for an authority, or null. */
  public VirtualHostEntry virtualHost(String authority) {
    return vhosts.find(authority, null);
  }
}
