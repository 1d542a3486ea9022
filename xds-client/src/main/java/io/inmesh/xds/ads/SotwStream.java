package io.inmesh.xds.ads;

import com.google.rpc.Code;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.inmesh.xds.ads.ResponseUpdate.RawResource;
import io.inmesh.xds.decode.ResourceType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * State-of-the-world ADS. Every request of a type restates the whole subscription together with the
 * last accepted version and the latest nonce, so a subscription change doubles as an ACK.
 */
final class SotwStream implements AdsStream, StreamObserver<DiscoveryResponse> {
  private final Node node;
  private final StreamHandler handler;
  private final Consumer<String> log;
  private final StreamObserver<DiscoveryRequest> requests;
  private final Map<ResourceType, TypeRequestState> state = new EnumMap<>(ResourceType.class);

  /** What the next request of a type says. */
  private static final class TypeRequestState {
    Set<String> names = new TreeSet<>();
    String version = "";
    String nonce = "";
    String error;
  }

  SotwStream(Channel channel, Node node, StreamHandler handler, Consumer<String> log) {
    this.node = node;
    this.handler = handler;
    this.log = log;
    this.requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(this);
  }

  private TypeRequestState state(ResourceType type) {
    return state.computeIfAbsent(type, t -> new TypeRequestState());
  }

  @Override
  public void subscribe(
      ResourceType type,
      Set<String> names,
      Set<String> added,
      Set<String> removed,
      Map<String, String> known) {
    TypeRequestState s = state(type);
    s.names = new TreeSet<>(names);
    send(type, s);
  }

  @Override
  public void ack(ResourceType type, String version, String nonce) {
    TypeRequestState s = state(type);
    s.version = version;
    s.nonce = nonce;
    s.error = null;
    send(type, s);
  }

  @Override
  public void nack(ResourceType type, String lastGoodVersion, String nonce, String error) {
    TypeRequestState s = state(type);
    s.version = lastGoodVersion;
    s.nonce = nonce;
    s.error = error;
    send(type, s);
  }

  private void send(ResourceType type, TypeRequestState s) {
    DiscoveryRequest.Builder request =
        DiscoveryRequest.newBuilder()
            // java-control-plane hashes the node of every request: it must always be there.
            .setNode(node)
            .setTypeUrl(type.typeUrl())
            .setVersionInfo(s.version)
            .setResponseNonce(s.nonce)
            .addAllResourceNames(s.names);
    if (s.error != null) {
      request.setErrorDetail(
          com.google.rpc.Status.newBuilder()
              .setCode(Code.INVALID_ARGUMENT_VALUE)
              .setMessage(s.error));
    }
    requests.onNext(request.build());
  }

  @Override
  public void close() {
    requests.onCompleted();
  }

  @Override
  public void onNext(DiscoveryResponse response) {
    ResourceType type = ResourceType.fromTypeUrlOrNull(response.getTypeUrl());
    if (type == null) {
      log.accept("xDS: ignoring response of unsupported type " + response.getTypeUrl());
      return;
    }
    // Every later request of the type carries the latest nonce, even one sent while a NACK waits
    // out its back-off: servers ignore requests with a stale nonce.
    state(type).nonce = response.getNonce();
    List<RawResource> resources = new ArrayList<>(response.getResourcesCount());
    response
        .getResourcesList()
        .forEach(any -> resources.add(new RawResource(null, response.getVersionInfo(), any)));
    handler.onUpdate(
        this,
        new ResponseUpdate(
            type, response.getVersionInfo(), response.getNonce(), resources, Set.of(), true));
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
