package io.inmesh.instrumentation.jdkurlconnection;

import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;

/**
 * The endpoint the agent's current attempt on this thread must connect to. Armed around the
 * attempt's own calls (the JDK connects inside them, on the caller's thread) and applied only to
 * connections to the attempt's logical host, so a redirect to another host is not steered.
 */
final class Steering {
  private static final ThreadLocal<Target> ARMED = new ThreadLocal<>();

  private Steering() {}

  /** Where one attempt goes. */
  record Target(String logicalHost, String host, int port) {}

  static void arm(Target target) {
    ARMED.set(target);
  }

  static void disarm() {
    ARMED.remove();
  }

  /** http: the URL the client connects to and pools its connection by, kept per endpoint. */
  static URL route(URL url) {
    Target t = ARMED.get();
    if (t == null || !"http".equals(url.getProtocol()) || !t.logicalHost.equals(host(url))) {
      return url;
    }
    try {
      return new URL("http", t.host, t.port, url.getFile());
    } catch (MalformedURLException e) {
      return url;
    }
  }

  /**
   * https: the JDK pools TLS connections by the logical URL, which cannot name the endpoint without
   * changing what the certificate is verified against; an attempt therefore opens its own.
   */
  static boolean useCache(URL url, boolean useCache) {
    Target t = ARMED.get();
    return (t == null || !t.logicalHost.equals(host(url))) && useCache;
  }

  /** https: the socket goes to the endpoint; SNI and verification keep the logical host. */
  static InetSocketAddress server(String host, int port) {
    Target t = ARMED.get();
    if (t == null || !t.logicalHost.equals(strip(host))) {
      return null;
    }
    return InetSocketAddress.createUnresolved(t.host, t.port);
  }

  static String host(URL url) {
    return strip(url.getHost());
  }

  private static String strip(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
