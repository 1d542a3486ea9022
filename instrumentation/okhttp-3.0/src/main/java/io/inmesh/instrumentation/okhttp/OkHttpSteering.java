package io.inmesh.instrumentation.okhttp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.SocketFactory;
import okhttp3.Address;
import okhttp3.HttpUrl;

/**
 * Hands the current attempt's endpoint from {@link MeshInterceptor} to the {@code Address} factory
 * further down the same chain. A thread-local is enough: in OkHttp 3.x–5.x the application
 * interceptors and the address factory of one call run on the same thread (the caller's for {@code
 * execute}, the dispatcher's for {@code enqueue}).
 *
 * <p>The table of endpoints is bounded: endpoints come and go with the mesh's snapshots, so once it
 * is full the least recently used one makes room (connections to it stay apart in the pool, whose
 * {@code Address} equality includes the endpoint's {@code Dns}). Stand-in ports are handed out
 * round the whole port range, so a freed port comes back only after tens of thousands of others.
 */
public final class OkHttpSteering {
  /** Far more endpoints than an app calls at a time; an entry costs a few hundred bytes. */
  static final int MAX_ENDPOINTS = 1024;

  private static final int MAX_PORT = 65535;
  private static final ThreadLocal<SteeredEndpoint> CURRENT = new ThreadLocal<>();
  private static final ConcurrentMap<String, SteeredEndpoint> ENDPOINTS = new ConcurrentHashMap<>();
  // Both guarded by ENDPOINTS' monitor: the stand-in ports of the table's entries, the last given.
  private static final BitSet PORTS_IN_USE = new BitSet(MAX_PORT + 1);
  private static int lastPort;

  private OkHttpSteering() {}

  /** How many endpoints the table holds now. */
  static int size() {
    return ENDPOINTS.size();
  }

  /**
   * The endpoint as attempts reach it, with the port that stands for it in attempt URLs: unique per
   * endpoint in the table, so that OkHttp's host-and-port checks tell endpoints apart (a retry on
   * another endpoint must not reuse the call's previous connection, and Kubernetes endpoints
   * usually share one port). Looked up once per attempt: the same object names the port in the URL
   * and steers the address, even if the table lets it go meanwhile.
   */
  static SteeredEndpoint endpoint(String endpointHost, int endpointPort)
      throws UnknownHostException {
    String key = endpointHost + " " + endpointPort;
    SteeredEndpoint known = ENDPOINTS.get(key);
    if (known == null) {
      synchronized (ENDPOINTS) {
        known = ENDPOINTS.get(key);
        if (known == null) {
          known = add(key, endpointHost, endpointPort);
        }
      }
    }
    known.lastUsedNanos = System.nanoTime();
    return known;
  }

  private static SteeredEndpoint add(String key, String endpointHost, int endpointPort)
      throws UnknownHostException {
    EndpointDns dns = new EndpointDns(endpointHost, endpointPort);
    InetAddress ip = dns.lookup(endpointHost).get(0);
    if (ENDPOINTS.size() >= MAX_ENDPOINTS) {
      evictLeastRecentlyUsed();
    }
    int port = lastPort;
    do {
      port = port % MAX_PORT + 1;
    } while (PORTS_IN_USE.get(port));
    lastPort = port;
    SteeredEndpoint added =
        new SteeredEndpoint(
            port, dns, new EndpointSocketFactory(new InetSocketAddress(ip, endpointPort)));
    PORTS_IN_USE.set(port);
    ENDPOINTS.put(key, added);
    return added;
  }

  /** Under the table's monitor once it is full: a scan, as rare as a new endpoint. */
  private static void evictLeastRecentlyUsed() {
    Map.Entry<String, SteeredEndpoint> oldest = null;
    for (Map.Entry<String, SteeredEndpoint> e : ENDPOINTS.entrySet()) {
      if (oldest == null || e.getValue().lastUsedNanos - oldest.getValue().lastUsedNanos < 0) {
        oldest = e;
      }
    }
    if (oldest != null && ENDPOINTS.remove(oldest.getKey(), oldest.getValue())) {
      PORTS_IN_USE.clear(oldest.getValue().port);
    }
  }

  /** The attempt about to run on this thread goes to this endpoint. */
  static void begin(SteeredEndpoint endpoint) {
    CURRENT.set(endpoint);
  }

  static void end() {
    CURRENT.remove();
  }

  /** From the address factory's exit: the steered address, or {@code address} unchanged. */
  public static Address steer(Address address) {
    SteeredEndpoint target = CURRENT.get();
    if (target == null || address == null) {
      return address;
    }
    HttpUrl url = address.url();
    // Only the attempt's own URL: a redirect followed inside the chain goes where it points.
    if (url.port() != target.port) {
      return address;
    }
    Proxy proxy = address.proxy();
    if ((proxy != null && proxy.type() != Proxy.Type.DIRECT)
        || address.socketFactory() != SocketFactory.getDefault()) {
      // A forward proxy connects for us; an app's own socket factory is not ours to replace.
      return address;
    }
    // The logical host name stays (TLS), the stand-in port keeps endpoints apart in the pool; the
    // Dns names the endpoint's IP and the sockets connect to its real address.
    return new Address(
        url.host(),
        url.port(),
        target.dns,
        target.sockets,
        address.sslSocketFactory(),
        address.hostnameVerifier(),
        address.certificatePinner(),
        address.proxyAuthenticator(),
        proxy,
        address.protocols(),
        address.connectionSpecs(),
        address.proxySelector());
  }
}
