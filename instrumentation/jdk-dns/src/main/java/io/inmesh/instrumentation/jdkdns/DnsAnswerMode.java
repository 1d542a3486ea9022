package io.inmesh.instrumentation.jdkdns;

import java.util.Locale;

/**
 * What a mesh name resolves to.
 *
 * <p>{@link #VIRTUAL} (the default) follows Envoy/Istio's DNS proxy: one stable address per service
 * — its {@code Listener.address} (Istio's ClusterIP) when it has one, else a virtual address from
 * {@link io.inmesh.bootstrap.VirtualAddresses} — and the connect hook picks the endpoint per
 * connection, so every connection gets the cluster's load balancing, connect retry on another
 * endpoint, {@code max_connections} and outlier detection, and caches or pools keyed by address
 * never pin one endpoint. The listener address is a real address (connectable without the agent
 * too); a virtual one is handed out only while the connect hook is installed, since nothing else
 * can connect it (and, being loopback, an unsteered connect is refused on this host at once).
 * Without the connect hook, names fall back to {@link #ENDPOINTS}.
 *
 * <p>{@link #ENDPOINTS} is plain proxyless naming (Baidu's naming hijack): the healthy, non-ejected
 * endpoints, the load balancer's pick first; the answer follows EDS on every lookup, but a client
 * that keeps an address keeps that endpoint.
 */
public enum DnsAnswerMode {
  VIRTUAL,
  ENDPOINTS;

  /** Parses the setting; null or blank is the default. */
  public static DnsAnswerMode parse(String value) {
    if (value == null || value.isBlank()) {
      return VIRTUAL;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "virtual":
        return VIRTUAL;
      case "endpoints":
        return ENDPOINTS;
      default:
        throw new IllegalArgumentException(
            "mesh.dns.answer / MESH_DNS_ANSWER must be virtual or endpoints, not '" + value + "'");
    }
  }
}
