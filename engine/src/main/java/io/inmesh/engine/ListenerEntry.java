package io.inmesh.engine;

import io.inmesh.engine.route.RouteTable;
import io.inmesh.engine.upstream.UpstreamCluster;
import io.inmesh.model.Listener;

/**
 * One mesh service address as the engine knows it in a compiled snapshot.
 *
 * @param listener null for a name the control plane said does not exist (pass through)
 * @param routes the compiled routes of an HTTP listener, or null
 * @param tcpCluster the live cluster of a TCP listener, or null
 */
record ListenerEntry(Listener listener, RouteTable routes, UpstreamCluster tcpCluster) {
  static final ListenerEntry ABSENT = new ListenerEntry(null, null, null);

  boolean absent() {
    return listener == null;
  }
}
