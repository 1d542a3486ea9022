package io.inmesh.instrumentation.jdknet;

import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.ConnectBridge;
import io.inmesh.bootstrap.ConnectSteering;
import io.inmesh.bootstrap.MeshLog;
import io.inmesh.bootstrap.VirtualAddresses;
import io.inmesh.engine.MeshConnection;
import io.inmesh.engine.MeshEngine;
import io.inmesh.instrumentation.api.MeshAccess;
import io.inmesh.model.SocketAddress;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Steers connects to mesh service addresses and follows each steered socket (by file descriptor, an
 * identity key) through its {@link MeshConnection}: connected, failed (then the next endpoint is
 * tried on the same socket, which Linux allows after a failed connect), closed.
 *
 * <p>What is steered: a connect to a virtual address the DNS hook handed out (always: nothing else
 * can connect it) and to a {@code Listener.address}:port. Never a connect to an endpoint: the L7
 * hooks connect to the endpoint they chose, and must not be re-routed under it.
 *
 * <p>Not done: the cluster's {@code connect_timeout} does not shorten the app's own timeout yet; a
 * failure seen by a non-blocking {@code finishConnect} (Netty) is reported to outlier detection but
 * not retried in place (Netty treats {@code false} after a ready OP_CONNECT as a bug).
 */
final class MeshConnectSteering implements ConnectSteering {
  private final ConcurrentMap<FileDescriptor, Tracked> byFd = new ConcurrentHashMap<>();
  private final ListenerAddressIndex addresses = new ListenerAddressIndex();
  private final NetConnect net = NetConnect.find();

  /** A steered socket's connection and what a retry needs. */
  private static final class Tracked {
    final MeshConnection connection;
    final ProtocolFamily family;
    final String refusal;

    Tracked(MeshConnection connection, ProtocolFamily family, String refusal) {
      this.connection = connection;
      this.family = family;
      this.refusal = refusal;
    }
  }

  @Override
  public InetSocketAddress steer(
      ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port) {
    boolean virtual = VirtualAddresses.isVirtual(remote);
    MeshEngine engine = MeshAccess.engine();
    String target;
    if (virtual) {
      target = VirtualAddresses.nameOf(remote);
    } else {
      if (engine == null || !addresses.contains(engine, remote, port)) {
        return null;
      }
      target = remote.getHostAddress();
    }
    MeshConnection c = engine == null || target == null ? null : engine.connect(target, port);
    if (c == null) {
      // Only a virtual address gets here: it cannot be connected unsteered.
      return refuse(fd, family, "mesh service " + target + ":" + port + " is not available now");
    }
    if (c.refusal() != null) {
      return refuse(
          fd, family, "mesh refused the connect to " + target + ":" + port + ": " + c.refusal());
    }
    InetSocketAddress endpoint = inet(c.endpoint());
    if (endpoint == null) {
      c.close();
      return refuse(fd, family, "mesh endpoint " + c.endpoint() + " has no IP address");
    }
    Tracked previous = byFd.put(fd, new Tracked(c, family, null));
    if (previous != null) {
      previous.connection.close();
    }
    return endpoint;
  }

  private InetSocketAddress refuse(FileDescriptor fd, ProtocolFamily family, String why) {
    byFd.put(fd, new Tracked(null, family, why));
    return ConnectBridge.REFUSED;
  }

  @Override
  public Object afterConnect(FileDescriptor fd, int result, Throwable thrown) {
    if (byFd.isEmpty()) {
      return null;
    }
    Tracked t = byFd.get(fd);
    if (t == null) {
      return null;
    }
    if (t.refusal != null) {
      byFd.remove(fd, t);
      return new ConnectException(t.refusal);
    }
    if (thrown == null) {
      if (result > 0) {
        t.connection.onConnected();
      }
      return null;
    }
    if (!(thrown instanceof IOException)) {
      forget(fd, t);
      return null;
    }
    return retry(fd, t, false);
  }

  @Override
  public Object afterPoll(FileDescriptor fd, boolean polled, Throwable thrown, boolean mayRetry) {
    if (byFd.isEmpty()) {
      return null;
    }
    Tracked t = byFd.get(fd);
    if (t == null || t.connection == null) {
      return null;
    }
    if (thrown == null) {
      if (polled) {
        t.connection.onConnected();
      }
      return null;
    }
    if (!(thrown instanceof IOException) || !mayRetry) {
      ConnectBridge.countFailedAttempt();
      forget(fd, t); // close() reports the failed attempt to outlier detection
      return null;
    }
    Object retried = retry(fd, t, true);
    if (retried instanceof Integer) {
      return (Integer) retried > 0 ? Boolean.TRUE : Boolean.FALSE;
    }
    return null;
  }

  /**
   * Reports the failed attempt and connects the same socket to the next endpoint: an {@link
   * Integer} result of {@code Net.connect} (connected, or pending for the caller's poll), or null
   * when no endpoint is left (the original failure stands).
   *
   * <p>Linux keeps a socket whose non-blocking connect failed in the "connecting" state: the next
   * {@code connect} only resets it, failing with ECONNABORTED (a plain {@link SocketException},
   * unlike a refusal's {@link ConnectException}); the one after it connects. {@code reset} says the
   * failure was seen by a poll, so that first abort is expected and not the endpoint's fault.
   */
  private Object retry(FileDescriptor fd, Tracked t, boolean reset) {
    for (; ; ) {
      ConnectBridge.countFailedAttempt();
      InetSocketAddress next = inet(t.connection.onConnectFailure());
      if (next == null) {
        byFd.remove(fd, t);
        return null;
      }
      // The nested Net.connect must not be steered again.
      ConnectBridge.DEPTH.enter();
      try {
        int n;
        try {
          n = net.connect(t.family, fd, next.getAddress(), next.getPort());
        } catch (SocketException e) {
          if (!reset || e instanceof ConnectException || e instanceof NoRouteToHostException) {
            throw e;
          }
          n = net.connect(t.family, fd, next.getAddress(), next.getPort());
        }
        if (n > 0) {
          t.connection.onConnected();
        }
        return n;
      } catch (IOException e) {
        MeshLog.debug("connect retry on " + next + " failed, trying the next endpoint: " + e);
        reset = false;
      } finally {
        ConnectBridge.DEPTH.exit();
      }
    }
  }

  private void forget(FileDescriptor fd, Tracked t) {
    if (byFd.remove(fd, t) && t.connection != null) {
      t.connection.close();
    }
  }

  @Override
  public void onClose(FileDescriptor fd) {
    if (byFd.isEmpty()) {
      return;
    }
    Tracked t = byFd.remove(fd);
    if (t != null && t.connection != null) {
      t.connection.close();
    }
  }

  private static InetSocketAddress inet(SocketAddress endpoint) {
    if (endpoint == null) {
      return null;
    }
    AgentThreads.enterBypass();
    try {
      return new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
    } catch (IOException e) {
      return null;
    } finally {
      AgentThreads.exitBypass();
    }
  }
}
