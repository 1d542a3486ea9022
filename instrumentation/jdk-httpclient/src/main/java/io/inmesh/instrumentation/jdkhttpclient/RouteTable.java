package io.inmesh.instrumentation.jdkhttpclient;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which endpoint each in-flight attempt's internal request ({@code HttpRequestImpl}) connects to.
 * Keyed by identity: java.net.http requests are equal by content, and two identical concurrent
 * calls may go to different endpoints. An entry lives from the client's copy of our {@link
 * RoutedRequest} until the attempt completes; the table is empty whenever no mesh call is in
 * flight, so {@code getAddress()} of other requests costs one emptiness check.
 */
final class RouteTable {
  private final ConcurrentHashMap<Key, InetSocketAddress> routes = new ConcurrentHashMap<>();

  void requestCreated(Object requestImpl, Object request) {
    if (request instanceof RoutedRequest routed) {
      routed.requestImpl = requestImpl;
      routes.put(new Key(requestImpl), routed.target());
    }
  }

  InetSocketAddress address(Object requestImpl) {
    return routes.isEmpty() ? null : routes.get(new Key(requestImpl));
  }

  void release(RoutedRequest routed) {
    Object impl = routed.requestImpl;
    if (impl != null) {
      routes.remove(new Key(impl));
    }
  }

  int size() {
    return routes.size();
  }

  /** Identity of an object as a map key. */
  private static final class Key {
    private final Object ref;

    Key(Object ref) {
      this.ref = ref;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.ref == ref;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(ref);
    }
  }
}
