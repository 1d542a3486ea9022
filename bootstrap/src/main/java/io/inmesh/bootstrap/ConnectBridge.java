package io.inmesh.bootstrap;

import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bridge of the {@code jdk-net} hook, woven into {@code sun.nio.ch.Net.connect} and {@code
 * Net.pollConnectNow} (every TCP connect of {@code Socket}, {@code SocketChannel}, the socket
 * adaptor, Netty's NIO transport and the JDK HttpClient) and into the close of those sockets. The
 * application keeps seeing the address it asked for ({@code getRemoteSocketAddress}); only the
 * kernel connect goes to the endpoint the mesh picked.
 */
public final class ConnectBridge {
  /** Nesting guard: the steering's own retries call {@code Net.connect} again. */
  public static final CallDepth DEPTH = new CallDepth();

  /** Guard marking a non-blocking {@code finishConnect}, where a poll must not retry in place. */
  public static final CallDepth NON_BLOCKING_FINISH = new CallDepth();

  /** The answer of {@link ConnectSteering#steer} that fails the connect. */
  public static final InetSocketAddress REFUSED = InetSocketAddress.createUnresolved("refused", 1);

  private static final AtomicLong STEERED = new AtomicLong();
  private static final AtomicLong FAILED_ATTEMPTS = new AtomicLong();
  private static volatile ConnectSteering steering;

  private ConnectBridge() {}

  /** Installs the implementation; until then (or with null) every connect goes where asked. */
  public static void install(ConnectSteering implementation) {
    steering = implementation;
  }

  /**
   * Whether connects are steered: the DNS hook hands out virtual addresses only then, since nothing
   * else can connect them.
   */
  public static boolean isInstalled() {
    return steering != null;
  }

  /** From enter advice of {@code Net.connect}; always pair with {@link #afterConnect}. */
  public static InetSocketAddress steer(
      ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port) {
    if (DEPTH.enter() > 0 || AgentThreads.isBypassed()) {
      return null;
    }
    ConnectSteering current = steering;
    if (current == null) {
      return null;
    }
    InetSocketAddress target = current.steer(family, fd, remote, port);
    if (target != null && target != REFUSED) {
      STEERED.incrementAndGet();
    }
    return target;
  }

  /** From exit advice of {@code Net.connect}, also when it threw or was skipped. */
  public static Object afterConnect(FileDescriptor fd, int result, Throwable thrown) {
    if (DEPTH.exit() > 0 || AgentThreads.isBypassed()) {
      return null;
    }
    ConnectSteering current = steering;
    return current == null ? null : current.afterConnect(fd, result, thrown);
  }

  /** From exit advice of {@code Net.pollConnectNow}. */
  public static Object afterPoll(FileDescriptor fd, boolean polled, Throwable thrown) {
    if (DEPTH.current() > 0 || AgentThreads.isBypassed()) {
      return null;
    }
    ConnectSteering current = steering;
    return current == null
        ? null
        : current.afterPoll(fd, polled, thrown, NON_BLOCKING_FINISH.current() == 0);
  }

  /** From enter advice of the sockets' close. */
  public static void onClose(FileDescriptor fd) {
    ConnectSteering current = steering;
    if (current != null && fd != null) {
      current.onClose(fd);
    }
  }

  /** Called by the implementation for each connect attempt that failed on an endpoint. */
  public static void countFailedAttempt() {
    FAILED_ATTEMPTS.incrementAndGet();
  }

  /** Connects sent to a mesh endpoint since start (for tests and diagnostics). */
  public static long steered() {
    return STEERED.get();
  }

  /** Connect attempts that failed on a mesh endpoint since start (retried or not). */
  public static long failedAttempts() {
    return FAILED_ATTEMPTS.get();
  }
}
