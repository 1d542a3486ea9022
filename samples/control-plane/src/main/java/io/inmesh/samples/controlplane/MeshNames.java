package io.inmesh.samples.controlplane;

/**
 * The proxyless naming convention (Istio's): what a client asks for is derived from the {@code
 * host:port} the app dialed.
 */
public final class MeshNames {
  private MeshNames() {}

  /** The Listener an app's call to {@code service:port} looks up, e.g. {@code reviews:9080}. */
  public static String listener(String service, int port) {
    return service + ":" + port;
  }

  /** The RouteConfiguration of a service, e.g. {@code outbound|9080||reviews}. */
  public static String routeConfiguration(String service, int port) {
    return "outbound|" + port + "||" + service;
  }

  /** The Cluster (and EDS service name) of one version, e.g. {@code outbound|9080|v1|reviews}. */
  public static String cluster(String service, int port, String version) {
    return "outbound|" + port + "|" + version + "|" + service;
  }
}
