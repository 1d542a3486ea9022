package io.inmesh.xds.ads;

import com.google.rpc.Code;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.inmesh.xds.ads.ResponseUpdate.RawResource;
import io.inmesh.xds.decode.ResourceType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Incremental ADS. Subscriptions travel as changes; every response is answered with its own nonce
 * (java-control-plane ends the stream on an ACK whose nonce it does not know).
 */
final class DeltaStream implements AdsStream, StreamObserver<DeltaDiscoveryResponse> {
  private final Node node;
  private final StreamHandler handler;
  private final Consumer<String> log;
  private final StreamObserver<DeltaDiscoveryRequest> requests;
  private final Set<ResourceType> opened = EnumSet.noneOf(ResourceType.class);

  DeltaStream(Channel channel, Node node, StreamHandler handler, Consumer<String> log) {
    this.node = node;
    this.handler = handler;
    this.log = log;
    this.requests = AggregatedDiscoveryServiceGrpc.newStub(channel).deltaAggregatedResources(this);
  }

  private DeltaDiscoveryRequest.Builder request(ResourceType type) {
    return DeltaDiscoveryRequest.newBuilder().setNode(node).setTypeUrl(type.typeUrl());
  }

  @Override
  public void subscribe(
      ResourceType type,
      Set<String> names,
      Set<String> added,
      Set<String> removed,
      Map<String, String> known) {
    DeltaDiscoveryRequest.Builder request = request(type);
    if (opened.add(type)) {
      // First request of the type on this stream: the whole subscription, and what we already hold
      // so that a reconnect does not re-send unchanged resources.
      request.addAllResourceNamesSubscribe(names).putAllInitialResourceVersions(known);
    } else {
      request.addAllResourceNamesSubscribe(added).addAllResourceNamesUnsubscribe(removed);
    }
    requests.onNext(request.build());
  }

  @Override
  public void ack(ResourceType type, String version, String nonce) {
    requests.onNext(request(type).setResponseNonce(nonce).build());
  }

  @Override
  public void nack(ResourceType type, String lastGoodVersion, String nonce, String error) {
    requests.onNext(
        request(type)
            .setResponseNonce(nonce)
            .setErrorDetail(
                com.google.rpc.Status.newBuilder()
                    .setCode(Code.INVALID_ARGUMENT_VALUE)
                    .setMessage(error))
            .build());
  }

  @Override
  public void close() {
    requests.onCompleted();
  }

  @Override
  public void onNext(DeltaDiscoveryResponse response) {
    ResourceType type = ResourceType.fromTypeUrlOrNull(response.getTypeUrl());
    if (type == null) {
      log.accept("xDS: ignoring delta response of unsupported type " + response.getTypeUrl());
      return;
    }
    List<RawResource> resources = new ArrayList<>(response.getResourcesCount());
    for (Resource r : response.getResourcesList()) {
      resources.add(new RawResource(r.getName(), r.getVersion(), r.getResource()));
    }
    handler.onUpdate(
        this,
        new ResponseUpdate(
            type,
            response.getSystemVersionInfo(),
            response.getNonce(),
            resources,
            Set.copyOf(response.getRemovedResourcesList()),
            false));
  }

  @Override
  public void onError(Throwable t) {
    handler.onClosed(this, Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    handler.onClosed(this, Status.UNAVAILABLE.withDescription("server closed the stream"));
  }
}
