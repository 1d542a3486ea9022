package io.inmesh.xds.ads;

import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real xDS server: java-control-plane's SimpleCache (keyed by node id) behind its
 * V3DiscoveryServer, on 127.0.0.1. Records every request it receives. Its threads are named {@code
 * test-cp-*} so tests can tell them from the client's.
 */
final class TestControlPlane implements AutoCloseable {
  final SimpleCache<String> cache = new SimpleCache<>(node -> node.getId());
  final List<DiscoveryRequest> requests = new CopyOnWriteArrayList<>();
  final List<DeltaDiscoveryRequest> deltaRequests = new CopyOnWriteArrayList<>();
  final AtomicInteger streamsOpened = new AtomicInteger();
  final AtomicInteger streamsClosed = new AtomicInteger();
  private final Server server;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ExecutorService executor;

  private TestControlPlane(int port, SslContext ssl) throws IOException {
    DiscoveryServerCallbacks callbacks =
        new DiscoveryServerCallbacks() {
          @Override
          public void onStreamOpen(long streamId, String typeUrl) {
            streamsOpened.incrementAndGet();
          }

          @Override
          public void onStreamClose(long streamId, String typeUrl) {
            streamsClosed.incrementAndGet();
          }

          @Override
          public void onStreamCloseWithError(long streamId, String typeUrl, Throwable error) {
            streamsClosed.incrementAndGet();
          }

          @Override
          public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
            requests.add(request);
          }

          @Override
          public void onV3StreamDeltaRequest(long streamId, DeltaDiscoveryRequest request) {
            deltaRequests.add(request);
          }
        };
    V3DiscoveryServer discovery = new V3DiscoveryServer(callbacks, cache);
    boss = new NioEventLoopGroup(1, named("test-cp-boss"));
    workers = new NioEventLoopGroup(2, named("test-cp-worker"));
    executor = Executors.newCachedThreadPool(named("test-cp-exec"));
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .bossEventLoopGroup(boss)
            .workerEventLoopGroup(workers)
            .channelType(NioServerSocketChannel.class)
            .executor(executor)
            .addService(discovery.getAggregatedDiscoveryServiceImpl());
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    server = builder.build().start();
  }

  static TestControlPlane start() throws IOException {
    return new TestControlPlane(0, null);
  }

  static TestControlPlane start(int port, SslContext ssl) throws IOException {
    return new TestControlPlane(port, ssl);
  }

  int port() {
    return server.getPort();
  }

  void set(String nodeId, Snapshot snapshot) {
    cache.setSnapshot(nodeId, snapshot);
  }

  /** NACKs received: SotW and delta requests that carry an error_detail. */
  List<String> nackMessages() {
    List<String> out = new java.util.ArrayList<>();
    requests.stream()
        .filter(DiscoveryRequest::hasErrorDetail)
        .forEach(r -> out.add(r.getErrorDetail().getMessage()));
    deltaRequests.stream()
        .filter(DeltaDiscoveryRequest::hasErrorDetail)
        .forEach(r -> out.add(r.getErrorDetail().getMessage()));
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    executor.shutdownNow();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }
}
