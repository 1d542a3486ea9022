package io.inmesh.bootstrap;

import java.net.InetAddress;

/**
 * Bridge of the {@code jdk-dns} hook, woven into {@code InetAddress.getAllByName0}: the one place
 * every name lookup of the JDK passes before its DNS cache ({@code getByName}, {@code
 * getAllByName}, {@code InetSocketAddress}, the JDK HttpClient, NIO, Netty's default resolver), so
 * a mesh answer can change per call while other names keep the JDK's own caching.
 */
public final class DnsBridge {
  /** Nesting guard: the overloads call each other, and the resolver may resolve too. */
  public static final CallDepth DEPTH = new CallDepth();

  private static volatile DnsResolver resolver;

  private DnsBridge() {}

  /** Installs the implementation; until then (or with null) every name resolves as usual. */
  public static void install(DnsResolver implementation) {
    resolver = implementation;
  }

  /**
   * From enter advice: the mesh's answer for {@code host}, or null to let the JDK resolve it.
   * Always pair with {@link #exit()}.
   */
  public static InetAddress[] resolve(String host) {
    if (DEPTH.enter() > 0 || AgentThreads.isBypassed()) {
      return null;
    }
    DnsResolver current = resolver;
    return current == null || host == null ? null : current.resolve(host);
  }

  /** From exit advice, also when the lookup threw. */
  public static void exit() {
    DEPTH.exit();
  }
}
