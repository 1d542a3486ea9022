package io.inmesh.bootstrap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Stable virtual addresses for mesh names that have no {@code Listener.address} (Istio's DNS proxy
 * auto-allocates such VIPs too): the DNS hook answers a name with one, and the connect hook sends
 * every connect to it to an endpoint the mesh picks, per connection, with L4 policy.
 *
 * <p>The range is 127.255.0.0/16, deliberately in loopback: should a connect ever reach the kernel
 * unsteered (a hook not woven), it is refused at once on this host and never leaves it; Istio's
 * 240.240.0.0/16 would follow the default route and hang until a timeout. One address per name for
 * the JVM's lifetime, so caches and pools keyed by address stay valid.
 */
public final class VirtualAddresses {
  private static final int PREFIX = 0x7FFF; // 127.255.x.y
  private static final int CAPACITY = 65534;
  private static final ConcurrentMap<String, InetAddress> BY_NAME = new ConcurrentHashMap<>();
  private static final AtomicReferenceArray<String> NAMES =
      new AtomicReferenceArray<>(CAPACITY + 1);
  private static final AtomicInteger NEXT = new AtomicInteger();

  private VirtualAddresses() {}

  /** The virtual address of {@code name} (lower-case), allocated on first use; null when full. */
  public static InetAddress of(String name) throws java.net.UnknownHostException {
    InetAddress known = BY_NAME.get(name);
    if (known != null) {
      return known;
    }
    synchronized (BY_NAME) {
      known = BY_NAME.get(name);
      if (known != null) {
        return known;
      }
      int index = NEXT.incrementAndGet();
      if (index > CAPACITY) {
        NEXT.decrementAndGet();
        return null;
      }
      NAMES.set(index, name);
      byte[] ip = {127, (byte) 255, (byte) (index >>> 8), (byte) index};
      InetAddress address = InetAddress.getByAddress(name, ip);
      BY_NAME.put(name, address);
      return address;
    }
  }

  /** Whether {@code address} is in the virtual range (no allocation). */
  public static boolean isVirtual(InetAddress address) {
    // Inet4Address.hashCode() is its address as an int.
    return address instanceof Inet4Address && (address.hashCode() >>> 16) == PREFIX;
  }

  /** The name {@code address} was allocated for, or null. */
  public static String nameOf(InetAddress address) {
    if (!isVirtual(address)) {
      return null;
    }
    int index = address.hashCode() & 0xFFFF;
    return index == 0 || index > CAPACITY ? null : NAMES.get(index);
  }
}
