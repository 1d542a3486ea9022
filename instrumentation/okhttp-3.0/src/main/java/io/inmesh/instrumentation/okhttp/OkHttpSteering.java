package io.inmesh.instrumentation.okhttp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
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
 */
public final class OkHttpSteering {
  private static final ThreadLocal<SteeredEndpoint> CURRENT = new ThreadLocal<>();
  private static final ConcurrentMap<String, SteeredEndpoint> ENDPOINTS = new ConcurrentHashMap<>();

  private OkHttpSteering() {}

  /**
   * The port that stands for {@code endpoint} in attempt URLs: unique per endpoint, so that
   * OkHttp's host-and-port checks tell endpoints apart (a retry on another endpoint must not reuse
   * the call's previous connection, and Kubernetes endpoints usually share one port).
   */
  static int portFor(String endpointHost, int endpointPort) throws UnknownHostException {
    return endpoint(endpointHost, endpointPort).port;
  }

  private static SteeredEndpoint endpoint(String endpointHost, int endpointPort)
      throws UnknownHostException {
    String key = endpointHost + " " + endpointPort;
    SteeredEndpoint known = ENDPOINTS.get(key);
    if (known != null) {
      return known;
    }
    synchronized (ENDPOINTS) {
      known = ENDPOINTS.get(key);
      if (known == null) {
        int port = ENDPOINTS.size() % 65535 + 1;
        EndpointDns dns = new EndpointDns(endpointHost, endpointPort);
        InetAddress ip = dns.lookup(endpointHost).get(0);
        known =
            new SteeredEndpoint(
                port, dns, new EndpointSocketFactory(new InetSocketAddress(ip, endpointPort)));
        ENDPOINTS.put(key, known);
      }
      return known;
    }
  }

  /** The attempt about to run on this thread goes to this endpoint. */
  static void begin(String endpointHost, int endpointPort) throws UnknownHostException {
    CURRENT.set(endpoint(endpointHost, endpointPort));
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
