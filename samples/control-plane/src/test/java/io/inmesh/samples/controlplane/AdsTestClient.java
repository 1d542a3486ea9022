package io.inmesh.samples.controlplane;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal state-of-the-world ADS client for tests: subscribes, ACKs every response (so the server
 * pushes the next version), and queues responses per type URL.
 */
final class AdsTestClient implements AutoCloseable {
  static final String LDS = "type.googleapis.com/envoy.config.listener.v3.Listener";
  static final String RDS = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
  static final String CDS = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
  static final String EDS = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";

  private final ManagedChannel channel;
  private final StreamObserver<DiscoveryRequest> requests;
  private final Node node;
  private final Map<String, List<String>> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<DiscoveryResponse>> responses = new ConcurrentHashMap<>();
  private volatile Throwable streamError;

  AdsTestClient(int port, String nodeId) {
    this.node = Node.newBuilder().setId(nodeId).setCluster("test").build();
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    this.requests =
        AggregatedDiscoveryServiceGrpc.newStub(channel)
            .streamAggregatedResources(
                new StreamObserver<>() {
                  @Override
                  public void onNext(DiscoveryResponse response) {
                    queue(response.getTypeUrl()).add(response);
                    send(response.getTypeUrl(), response.getVersionInfo(), response.getNonce());
                  }

                  @Override
                  public void onError(Throwable t) {
                    streamError = t;
                  }

                  @Override
                  public void onCompleted() {}
                });
  }

  /** Subscribes to {@code names} of {@code typeUrl}; no names = wildcard. */
  void subscribe(String typeUrl, List<String> names) {
    subscriptions.put(typeUrl, List.copyOf(names));
    send(typeUrl, "", "");
  }

  /** The next response of the type, failing after a generous timeout. */
  DiscoveryResponse next(String typeUrl) throws InterruptedException {
    DiscoveryResponse r = queue(typeUrl).poll(20, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no " + typeUrl + " response in 20 s; stream error: " + streamError);
    }
    return r;
  }

  /** The next response of the type if one arrives within {@code wait}, else null. */
  DiscoveryResponse poll(String typeUrl, Duration wait) throws InterruptedException {
    return queue(typeUrl).poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void send(String typeUrl, String version, String nonce) {
    requests.onNext(
        DiscoveryRequest.newBuilder()
            .setNode(node) // java-control-plane hashes the node of every request
            .setTypeUrl(typeUrl)
            .addAllResourceNames(subscriptions.getOrDefault(typeUrl, List.of()))
            .setVersionInfo(version)
            .setResponseNonce(nonce)
            .build());
  }

  private BlockingQueue<DiscoveryResponse> queue(String typeUrl) {
    return responses.computeIfAbsent(typeUrl, t -> new LinkedBlockingQueue<>());
  }

  @Override
  public void close() throws InterruptedException {
    requests.onCompleted();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
