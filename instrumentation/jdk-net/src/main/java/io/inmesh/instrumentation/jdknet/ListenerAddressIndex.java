package io.inmesh.instrumentation.jdknet;

import io.inmesh.engine.MeshEngine;
import io.inmesh.model.Listener;
import io.inmesh.model.MeshSnapshot;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The set of {@code Listener.address} ip:port pairs of the engine's snapshot, as sorted longs, so
 * that the pass-through test of every connect is a volatile read and a binary search: no string, no
 * allocation. Rebuilt when the snapshot changes. IPv6 listener addresses fall back to the engine's
 * own lookup.
 */
final class ListenerAddressIndex {
  private static final class Index {
    final MeshSnapshot snapshot;
    final long[] keys;
    final boolean hasIpv6;

    Index(MeshSnapshot snapshot, long[] keys, boolean hasIpv6) {
      this.snapshot = snapshot;
      this.keys = keys;
      this.hasIpv6 = hasIpv6;
    }
  }

  private volatile Index index = new Index(null, new long[0], false);

  boolean contains(MeshEngine engine, InetAddress remote, int port) {
    MeshSnapshot snapshot = engine.snapshot();
    Index current = index;
    if (current.snapshot != snapshot) {
      current = build(snapshot);
      index = current;
    }
    if (remote instanceof Inet4Address) {
      return Arrays.binarySearch(current.keys, key(remote.hashCode(), port)) >= 0;
    }
    return current.hasIpv6 && engine.isMeshService(remote.getHostAddress(), port);
  }

  private static long key(int ipv4, int port) {
    return ((ipv4 & 0xFFFFFFFFL) << 16) | port;
  }

  private static Index build(MeshSnapshot snapshot) {
    long[] keys = new long[snapshot.listeners().size()];
    int n = 0;
    boolean ipv6 = false;
    for (Listener l : snapshot.listeners().values()) {
      if (l.address() == null) {
        continue;
      }
      byte[] ip = ipv4Literal(l.address().host());
      if (ip == null) {
        ipv6 |= l.address().host().indexOf(':') >= 0;
        continue;
      }
      int v =
          ((ip[0] & 0xFF) << 24) | ((ip[1] & 0xFF) << 16) | ((ip[2] & 0xFF) << 8) | (ip[3] & 0xFF);
      keys[n++] = key(v, l.address().port());
    }
    long[] sorted = Arrays.copyOf(keys, n);
    Arrays.sort(sorted);
    return new Index(snapshot, sorted, ipv6);
  }

  /** Dotted-quad only; names and IPv6 are not index keys. */
  private static byte[] ipv4Literal(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] ip = new byte[4];
    for (int i = 0; i < 4; i++) {
      try {
        int v = Integer.parseInt(parts[i]);
        if (v < 0 || v > 255 || parts[i].isEmpty()) {
          return null;
        }
        ip[i] = (byte) v;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return ip;
  }
}
