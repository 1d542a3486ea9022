package io.inmesh.bootstrap;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

  /** Released when the hooks are all in; lookups made before wait for it, if asked to. */
  private static final CountDownLatch SETTLED = new CountDownLatch(1);

  /** {@link System#nanoTime()} until which a lookup waits for {@link #settle}; 0: it does not. */
  private static volatile long waitUntilNanos;

  private DnsBridge() {}

  /** Installs the implementation; until then (or with null) every name resolves as usual. */
  public static void install(DnsResolver implementation) {
    resolver = implementation;
  }

  /**
   * Called before {@code main} when a mesh is configured: the hook is woven then, but the resolver
   * is installed only with the other hooks (a mesh name's virtual address needs the connect hook),
   * so a lookup made meanwhile waits for {@link #settle}, at most {@code maxWaitNanos}, instead of
   * failing as an unknown name.
   */
  public static void holdUntilSettled(long maxWaitNanos) {
    waitUntilNanos = System.nanoTime() + maxWaitNanos;
  }

  /** Called once the hooks are installed (or failed to be): lookups stop waiting. */
  public static void settle() {
    waitUntilNanos = 0;
    SETTLED.countDown();
  }

  /**
   * Called first thing in every {@code getAllByName0} overload: the mesh's answer for {@code host},
   * which the hook returns at once, or null to let the JDK resolve it. Never throws, and needs no
   * exit call: the hook is a few instructions woven by hand before {@code main}, so all the logic,
   * the nesting guard included, lives here.
   */
  public static InetAddress[] resolve(String host) {
    DnsResolver current = resolver;
    if (current == null && waitUntilNanos != 0) {
      current = awaitResolver();
    }
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

  private static DnsResolver awaitResolver() {
    long left = waitUntilNanos - System.nanoTime();
    if (left <= 0 || AgentThreads.isBypassed()) {
      return resolver;
    }
    try {
      SETTLED.await(left, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return resolver;
  }
}
