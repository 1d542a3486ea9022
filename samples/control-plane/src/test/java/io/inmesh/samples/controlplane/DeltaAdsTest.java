package io.inmesh.samples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same mesh over incremental (delta) ADS. */
class DeltaAdsTest {
  @Test
  void servesListenersOverDeltaAds(@TempDir Path dir) throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, SampleControlPlaneTest.MESH);
    BlockingQueue<DeltaDiscoveryResponse> responses = new LinkedBlockingQueue<>();
    try (SampleControlPlane cp = SampleControlPlane.start(mesh, 0)) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", cp.port()).usePlaintext().build();
      try {
        StreamObserver<DeltaDiscoveryRequest> requests =
            AggregatedDiscoveryServiceGrpc.newStub(channel)
                .deltaAggregatedResources(
                    new StreamObserver<>() {
                      @Override
                      public void onNext(DeltaDiscoveryResponse r) {
                        responses.add(r);
                      }

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onCompleted() {}
                    });
        requests.onNext(
            DeltaDiscoveryRequest.newBuilder()
                .setNode(Node.newBuilder().setId("delta-1"))
                .setTypeUrl(AdsTestClient.LDS)
                .build());
        DeltaDiscoveryResponse r = responses.poll(20, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.getResourcesList().stream().map(x -> x.getName()))
            .containsExactlyInAnyOrder("reviews:9080", "ratings:9080");
        Listener reviews =
            r.getResourcesList().stream()
                .filter(x -> x.getName().equals("reviews:9080"))
                .findFirst()
                .orElseThrow()
                .getResource()
                .unpack(Listener.class);
        assertThat(reviews.hasApiListener()).isTrue();
        requests.onCompleted();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
