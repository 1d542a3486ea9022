package io.inmesh.it.http;

import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.server.DiscoveryServerCallbacks;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real xDS server in the test JVM: java-control-plane's {@code SimpleCache} behind its {@code
 * V3DiscoveryServer} (ADS, SotW and delta) on 127.0.0.1. Every node gets the same {@link Mesh}.
 */
public final class XdsServer implements AutoCloseable {
  private static final String GROUP = "mesh";

  private final SimpleCache<String> cache = new SimpleCache<>(node -> GROUP);
  private final AtomicInteger requests = new AtomicInteger();
  private final long started = System.nanoTime();
  private final java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Server server;

  private XdsServer(int port) throws IOException {
    DiscoveryServerCallbacks callbacks =
        new DiscoveryServerCallbacks() {
          @Override
          public void onV3StreamRequest(long streamId, DiscoveryRequest request) {
            requests.incrementAndGet();
            log.add(
                (System.nanoTime() - started) / 1_000_000
                    + " ms "
                    + request.getTypeUrl().substring(request.getTypeUrl().lastIndexOf('.') + 1)
                    + " v="
                    + request.getVersionInfo()
                    + " names="
                    + request.getResourceNamesList()
                    + (request.hasErrorDetail() ? " NACK " + request.getErrorDetail() : ""));
          }

          @Override
          public void onV3StreamDeltaRequest(
              long streamId,
              io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest request) {
            requests.incrementAndGet();
          }
        };
    V3DiscoveryServer discovery = new V3DiscoveryServer(callbacks, cache);
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .addService(discovery.getAggregatedDiscoveryServiceImpl())
            .build()
            .start();
  }

  /** Starts on a free loopback port. */
  public static XdsServer start() throws IOException {
    return new XdsServer(0);
  }

  /** {@code 127.0.0.1:<port>}, the value of {@code MESH_XDS_SERVER}. */
  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Serves {@code mesh} from now on (pushed to connected clients). */
  public XdsServer apply(Mesh mesh) {
    cache.setSnapshot(GROUP, mesh.snapshot());
    return this;
  }

  /** SotW requests received (ACKs included). */
  public int requestCount() {
    return requests.get();
  }

  /** One line per SotW request received, for failure messages. */
  public String requestLog() {
    return String.join("\n", log);
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
