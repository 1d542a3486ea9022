package io.inmesh.xds.ads;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.inmesh.xds.XdsSettings;
import io.inmesh.xds.XdsTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Builds channels to the xDS server that run only on threads we own: a pool for the transport (the
 * OkHttp transport reads each connection on one blocking thread), one timer thread (keepalive,
 * reconnect and deadline timers) and the client's event loop for callbacks. gRPC's OkHttp transport
 * rather than its Netty one: it is a fifth of the size in mesh.jar, and one long-lived connection
 * needs no event-loop machinery.
 *
 * <p>The server address is resolved by us, on our thread, each time a channel is built, so a
 * control plane that moved is found on the next reconnect; the channel gets the address as an IP
 * literal, which gRPC's resolver passes through without a lookup of its own.
 */
final class ChannelFactory implements AutoCloseable {
  private final XdsSettings settings;
  private final Executor callbacks;
  private final ChannelCredentials credentials;
  private final ExecutorService transport;
  private final ScheduledExecutorService timer;

  ChannelFactory(XdsSettings settings, Executor callbacks) {
    this.settings = settings;
    this.callbacks = callbacks;
    this.credentials =
        settings.tls() == null ? InsecureChannelCredentials.create() : tls(settings.tls());
    // Parses the PEM files now, so bad files disable the source at once rather than per connect.
    OkHttpChannelBuilder.forTarget(target(), credentials);
    this.transport =
        Executors.newCachedThreadPool(new MeshThreads(settings.threadFactory(), "transport"));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            new MeshThreads(settings.threadFactory(), "timer"));
  }

  private static ChannelCredentials tls(XdsTls tls) {
    try {
      TlsChannelCredentials.Builder builder =
          TlsChannelCredentials.newBuilder().trustManager(tls.caFile().toFile());
      if (tls.certFile() != null) {
        builder.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
      }
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(
          "cannot load xDS TLS files " + tls + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * {@code dns:///ip:port} when the name resolves now; otherwise the name itself, which fails to
   * connect the same way an unresolved address would and is retried with back-off.
   */
  private String target() {
    String host = settings.host();
    try {
      InetAddress address = InetAddress.getByName(host);
      host =
          address instanceof Inet6Address
              ? "[" + address.getHostAddress().replace("%", "%25") + "]"
              : address.getHostAddress();
    } catch (UnknownHostException e) {
      // Left as the name: the connect attempt reports it and the client backs off.
    }
    return "dns:///" + host + ":" + settings.port();
  }

  ManagedChannel create() {
    try {
      return OkHttpChannelBuilder.forTarget(target(), credentials)
          // TLS checks the certificate against the configured name, not the IP we resolved.
          .overrideAuthority(settings.host() + ":" + settings.port())
          .transportExecutor(transport)
          .scheduledExecutorService(timer)
          .executor(callbacks)
          .offloadExecutor(callbacks)
          // Notices a dead server behind a silent network long before TCP would.
          .keepAliveTime(30, TimeUnit.SECONDS)
          .keepAliveTimeout(10, TimeUnit.SECONDS)
          .maxInboundMessageSize(64 * 1024 * 1024)
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cannot build the xDS channel: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // The channel is shut down already; its reader thread ends when the socket closes.
    transport.shutdown();
    timer.shutdownNow();
  }
}
