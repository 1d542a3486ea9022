package io.inmesh.bootstrap;

import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;

/**
 * The implementation slot of {@link ConnectBridge}: decides where a TCP connect of the JDK goes and
 * follows the connection until it is established or given up, and until its socket closes. Keyed by
 * the socket's {@link FileDescriptor} (identity), the one object every connect path of the JDK
 * ({@code Socket}, {@code SocketChannel}, the socket adaptor) hands to {@code sun.nio.ch.Net}.
 */
public interface ConnectSteering {
  /**
   * Where to connect instead of {@code remote:port}: null to connect as asked, {@link
   * ConnectBridge#REFUSED} to fail the connect (see {@link #afterConnect}), else the endpoint.
   */
  InetSocketAddress steer(ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port);

  /**
   * After {@code Net.connect} returned {@code result} or threw {@code thrown}: null to keep that
   * outcome, an {@link Integer} to return instead (a retry on another endpoint connected or is
   * pending), or a {@link Throwable} to throw instead.
   */
  Object afterConnect(FileDescriptor fd, int result, Throwable thrown);

  /**
   * After {@code Net.pollConnectNow} returned {@code polled} or threw {@code thrown}: null to keep
   * that outcome, a {@link Boolean} to return instead (a retry connected, or is pending). {@code
   * mayRetry} is false under a non-blocking {@code finishConnect}, whose callers (Netty) take false
   * after a ready OP_CONNECT as a bug.
   */
  Object afterPoll(FileDescriptor fd, boolean polled, Throwable thrown, boolean mayRetry);

  /** The socket of {@code fd} is closing: release what its connection holds. */
  void onClose(FileDescriptor fd);
}
