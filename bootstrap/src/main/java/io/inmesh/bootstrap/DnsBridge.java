package io.inmesh.bootstrap;

import java.net.InetAddress;

/**
 * Bridge of the {@code jdk-dns} hook, woven into {@code InetAddress.getAllByName0}: the one place
 * every name lookup of the JDK passes before its DNS cache ({@code getByName}, {@code
 * getAllByName}, {@code InetSocketAddress}, the JDK HttpClient, NIO, Netty's default resolver), so
 * a mesh answer can change per call while other names keep the JDK's own caching.
 */
public final class DnsBridge {
  /** Nesting guard: the resolver may resolve names itself. */
  public static final CallDepth DEPTH = new CallDepth();

  private static volatile DnsResolver resolver;

  private DnsBridge() {}

  /** Installs the implementation; until then (or with null) every name resolves as usual. */
  public static void install(DnsResolver implementation) {
    resolver = implementation;
  }

  /**
   * Called first thing in every {@code getAllByName0} overload: the mesh's answer for {@code host},
   * which the hook returns at once, or null to let the JDK resolve it. Never throws, and needs no
   * exit call: the hook is a few instructions woven by hand before {@code main}, so all the logic,
   * the nesting guard included, lives here.
   */
  public static InetAddress[] resolve(String host) {
    DnsResolver current = resolver;
    if (current == null || host == null || AgentThreads.isBypassed()) {
      return null;
    }
    try {
      // Only the outermost lookup asks the mesh: the resolver may look names up itself.
      return DEPTH.enter() == 0 ? current.resolve(host) : null;
    } catch (Throwable t) {
      HookErrors.onAdviceError(t, "jdk-dns");
      return null;
    } finally {
      DEPTH.exit();
    }
  }
}
