package io.inmesh.model;

import java.util.Objects;

/**
 * A listener as proxyless clients use it: named {@code host:port} after the target the app calls,
 * with an api_listener HCM for HTTP and gRPC, or a TCP proxy to one cluster for L4 traffic.
 *
 * @param address the service's own address (for example Istio's ClusterIP), or null; a connect to
 *     it counts as a call to this service
 * @param http the HCM for L7 traffic, or null
 * @param tcpCluster the cluster of a {@code tcp_proxy} filter, or null
 */
public record Listener(
    String name, SocketAddress address, HttpConnectionManager http, String tcpCluster) {
  public Listener {
    Objects.requireNonNull(name, "name");
    if (http == null && tcpCluster == null) {
      throw new IllegalArgumentException("listener " + name + " has neither HCM nor TCP proxy");
    }
  }
}
