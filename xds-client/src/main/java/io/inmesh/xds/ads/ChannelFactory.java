package io.inmesh.xds.ads;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.inmesh.xds.XdsSettings;
import io.inmesh.xds.XdsTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Builds channels to the xDS server that run only on threads we own: one NIO event loop (also
 * gRPC's timer source for a Netty channel) and the client's event loop for callbacks. The server
 * address is resolved by us, on our thread, each time a channel is built, so a control plane that
 * moved is found on the next reconnect without gRPC's own resolver threads.
 */
final class ChannelFactory implements AutoCloseable {
  private final XdsSettings settings;
  private final Executor callbacks;
  private final EventLoopGroup eventLoop;
  private final SslContext ssl;

  ChannelFactory(XdsSettings settings, Executor callbacks) {
    this.settings = settings;
    this.callbacks = callbacks;
    this.ssl = settings.tls() == null ? null : sslContext(settings.tls());
    this.eventLoop = new NioEventLoopGroup(1, new MeshThreads(settings.threadFactory(), "netty"));
  }

  private static SslContext sslContext(XdsTls tls) {
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(tls.caFile().toFile());
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

  ManagedChannel create() {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
            .eventLoopGroup(eventLoop)
            .channelType(NioSocketChannel.class)
            .executor(callbacks)
            .offloadExecutor(callbacks)
            // Notices a dead server behind a silent network long before TCP would.
            .keepAliveTime(30, TimeUnit.SECONDS)
            .keepAliveTimeout(10, TimeUnit.SECONDS)
            .maxInboundMessageSize(64 * 1024 * 1024);
    if (ssl == null) {
      builder.negotiationType(NegotiationType.PLAINTEXT);
    } else {
      builder.sslContext(ssl).overrideAuthority(settings.host() + ":" + settings.port());
    }
    return builder.build();
  }

  @Override
  public void close() {
    eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
