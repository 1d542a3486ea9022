package io.inmesh.instrumentation.jdknet;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.ProtocolFamily;

/**
 * {@code sun.nio.ch.Net.connect(ProtocolFamily, FileDescriptor, InetAddress, int)}, for connecting
 * a steered socket again to the next endpoint after a failure. The agent opens sun.nio.ch to its
 * own code at start.
 */
final class NetConnect {
  private final MethodHandle connect;

  private NetConnect(MethodHandle connect) {
    this.connect = connect;
  }

  static NetConnect find() {
    try {
      Class<?> net = Class.forName("sun.nio.ch.Net", false, null);
      MethodHandle handle =
          MethodHandles.privateLookupIn(net, MethodHandles.lookup())
              .findStatic(
                  net,
                  "connect",
                  MethodType.methodType(
                      int.class,
                      ProtocolFamily.class,
                      FileDescriptor.class,
                      InetAddress.class,
                      int.class));
      return new NetConnect(handle);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Without it a failed connect is reported but not retried on another endpoint.
      return new NetConnect(null);
    }
  }

  /** Like {@code Net.connect}: 1 connected, negative pending; throws on failure. */
  int connect(ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port)
      throws IOException {
    if (connect == null) {
      throw new IOException("sun.nio.ch.Net.connect is not accessible to the agent");
    }
    try {
      return (int) connect.invokeExact(family, fd, remote, port);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }
}
