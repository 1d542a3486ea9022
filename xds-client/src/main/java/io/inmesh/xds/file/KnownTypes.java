package io.inmesh.xds.file;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.inmesh.xds.decode.ResourceType;
import java.util.List;

/** The message types the file parser needs descriptors for: resources and decoded extensions. */
final class KnownTypes {
  private KnownTypes() {}

  static Message defaultInstance(ResourceType type) {
    return switch (type) {
      case LISTENER -> io.envoyproxy.envoy.config.listener.v3.Listener.getDefaultInstance();
      case ROUTE_CONFIGURATION ->
          io.envoyproxy.envoy.config.route.v3.RouteConfiguration.getDefaultInstance();
      case CLUSTER -> io.envoyproxy.envoy.config.cluster.v3.Cluster.getDefaultInstance();
      case CLUSTER_LOAD_ASSIGNMENT ->
          io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment.getDefaultInstance();
    };
  }

  /**
   * Every type the decoder unpacks from an {@code Any}. Keep in step with the decoders: a type
   * missing here reaches the decoder as a TypedStruct, which it still parses (slower, via JSON).
   */
  static List<Descriptor> descriptors() {
    return List.of(
        io.envoyproxy.envoy.config.listener.v3.Listener.getDescriptor(),
        io.envoyproxy.envoy.config.route.v3.RouteConfiguration.getDescriptor(),
        io.envoyproxy.envoy.config.cluster.v3.Cluster.getDescriptor(),
        io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment.getDescriptor(),
        io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3
            .HttpConnectionManager.getDescriptor(),
        io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.getDescriptor(),
        io.envoyproxy.envoy.extensions.filters.http.router.v3.Router.getDescriptor(),
        io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault.getDescriptor(),
        io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
            .getDescriptor(),
        io.envoyproxy.envoy.config.route.v3.FilterConfig.getDescriptor(),
        io.envoyproxy.envoy.extensions.common.matching.v3.ExtensionWithMatcher.getDescriptor(),
        io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext.getDescriptor(),
        io.envoyproxy.envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin
            .getDescriptor(),
        io.envoyproxy.envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest
            .getDescriptor(),
        io.envoyproxy.envoy.extensions.load_balancing_policies.random.v3.Random.getDescriptor(),
        io.envoyproxy.envoy.extensions.load_balancing_policies.ring_hash.v3.RingHash
            .getDescriptor(),
        io.envoyproxy.envoy.extensions.load_balancing_policies.maglev.v3.Maglev.getDescriptor(),
        io.envoyproxy.envoy.extensions.load_balancing_policies.wrr_locality.v3.WrrLocality
            .getDescriptor(),
        io.envoyproxy.envoy.extensions.load_balancing_policies.cluster_provided.v3.ClusterProvided
            .getDescriptor(),
        io.envoyproxy.envoy.extensions.load_balancing_policies.client_side_weighted_round_robin.v3
            .ClientSideWeightedRoundRobin.getDescriptor(),
        com.github.xds.type.v3.TypedStruct.getDescriptor(),
        com.github.udpa.udpa.type.v1.TypedStruct.getDescriptor());
  }
}
