package io.inmesh.instrumentation.jdkdns;

import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.ConnectBridge;
import io.inmesh.bootstrap.DnsResolver;
import io.inmesh.bootstrap.VirtualAddresses;
import io.inmesh.engine.MeshEngine;
import io.inmesh.engine.upstream.Host;
import io.inmesh.engine.upstream.PickContext;
import io.inmesh.engine.upstream.UpstreamCluster;
import io.inmesh.instrumentation.api.MeshAccess;
import io.inmesh.model.HealthStatus;
import io.inmesh.model.Listener;
import io.inmesh.model.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Answers mesh names from the engine; any other name (and every name while the engine is not
 * running) returns null, so the JDK resolves it exactly as without the agent. Pass-through cost: a
 * volatile read and one hash probe.
 */
final class MeshDnsResolver implements DnsResolver {
  private final DnsAnswerMode mode;

  MeshDnsResolver(DnsAnswerMode mode) {
    this.mode = mode;
  }

  @Override
  public InetAddress[] resolve(String host) {
    MeshEngine engine = MeshAccess.engine();
    if (engine == null) {
      return null;
    }
    int port = engine.meshNamePort(host);
    if (port < 0) {
      return null;
    }
    try {
      if (mode == DnsAnswerMode.VIRTUAL) {
        InetAddress stable = stableAddress(engine, host, port);
        if (stable != null) {
          return new InetAddress[] {stable};
        }
      }
      return endpoints(engine, host, port);
    } catch (UnknownHostException e) {
      // A malformed address in the config: let the JDK answer rather than fail the app's lookup.
      return null;
    }
  }

  private static InetAddress stableAddress(MeshEngine engine, String host, int port)
      throws UnknownHostException {
    Listener listener = engine.listener(host, port);
    if (listener != null && listener.address() != null) {
      return InetAddress.getByAddress(host, literal(listener.address().host()).getAddress());
    }
    // A virtual address is only connectable through the connect hook.
    return ConnectBridge.isInstalled() ? VirtualAddresses.of(host.toLowerCase(Locale.ROOT)) : null;
  }

  private static InetAddress[] endpoints(MeshEngine engine, String host, int port)
      throws UnknownHostException {
    UpstreamCluster cluster = engine.tcpCluster(host, port);
    if (cluster == null) {
      return null;
    }
    List<InetAddress> answer = new ArrayList<>();
    Host first = cluster.pick(PickContext.DEFAULT);
    if (first != null) {
      answer.add(address(host, first.address()));
    }
    for (Host h : cluster.hosts()) {
      if (h != first && !h.isEjected() && usable(h.health())) {
        answer.add(address(host, h.address()));
      }
    }
    return answer.isEmpty() ? null : answer.toArray(new InetAddress[0]);
  }

  private static boolean usable(HealthStatus health) {
    return health == HealthStatus.HEALTHY
        || health == HealthStatus.UNKNOWN
        || health == HealthStatus.DEGRADED;
  }

  private static InetAddress address(String name, SocketAddress endpoint)
      throws UnknownHostException {
    return InetAddress.getByAddress(name, literal(endpoint.host()).getAddress());
  }

  /**
   * An IP literal parses without a lookup; an endpoint given as a DNS name is resolved by the JDK
   * itself, bypassing the hooks so a mesh name cannot loop back here.
   */
  private static InetAddress literal(String ipOrName) throws UnknownHostException {
    AgentThreads.enterBypass();
    try {
      return InetAddress.getByName(ipOrName);
    } finally {
      AgentThreads.exitBypass();
    }
  }
}
