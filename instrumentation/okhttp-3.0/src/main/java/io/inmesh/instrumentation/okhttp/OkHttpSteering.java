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
  private static final ConcurrentMap<String, EndpointDns> DNS = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, EndpointSocketFactory> SOCKETS =
      new ConcurrentHashMap<>();

  private OkHttpSteering() {}

  static void begin(String host, int port, String endpointHost, int endpointPort)
      throws UnknownHostException {
    EndpointDns dns = DNS.get(endpointHost);
    if (dns == null) {
      dns = new EndpointDns(endpointHost);
      EndpointDns raced = DNS.putIfAbsent(endpointHost, dns);
      dns = raced == null ? dns : raced;
    }
    String key = endpointHost + " " + endpointPort;
    EndpointSocketFactory sockets = SOCKETS.get(key);
    if (sockets == null) {
      InetAddress ip = dns.lookup(endpointHost).get(0);
      sockets = new EndpointSocketFactory(new InetSocketAddress(ip, endpointPort));
      EndpointSocketFactory raced = SOCKETS.putIfAbsent(key, sockets);
      sockets = raced == null ? sockets : raced;
    }
    CURRENT.set(new SteeredEndpoint(host, port, dns, sockets));
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
    // Only the attempt's own host: a redirect followed inside the chain to another host is not
    // ours.
    if (url.port() != target.port || !url.host().equalsIgnoreCase(target.host)) {
      return address;
    }
    Proxy proxy = address.proxy();
    if ((proxy != null && proxy.type() != Proxy.Type.DIRECT)
        || address.socketFactory() != SocketFactory.getDefault()) {
      // A forward proxy connects for us; an app's own socket factory is not ours to replace.
      return address;
    }
    // Same host and port (OkHttp insists the address keeps the URL's), so TLS and the Host header
    // stay logical; the endpoint's IP comes from the Dns, its port from the socket factory.
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
