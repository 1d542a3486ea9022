package io.inmesh.xds.decode;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.inmesh.model.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code Listener}: proxyless style ({@code api_listener} HCM), or sidecar style (the first
 * filter chain holding an HCM, else the first holding a {@code tcp_proxy}).
 */
final class ListenerDecoder {
  static final String HCM = TypedConfigs.typeUrlOf(HttpConnectionManager.getDefaultInstance());
  static final String TCP_PROXY = TypedConfigs.typeUrlOf(TcpProxy.getDefaultInstance());

  private ListenerDecoder() {}

  static DecodedResource decode(Listener l) {
    SocketAddress address =
        l.hasAddress() && l.getAddress().hasSocketAddress()
            ? Values.socketAddress(l.getAddress(), "address")
            : null;
    if (l.hasApiListener()) {
      Any api = l.getApiListener().getApiListener();
      String url = TypedConfigs.typeUrl(api, "api_listener.api_listener");
      if (!url.equals(HCM)) {
        throw new Invalid(
            "api_listener.api_listener", "expected an HttpConnectionManager, got " + url);
      }
      return http(l, address, api, "api_listener.api_listener");
    }
    List<FilterChain> chains = new ArrayList<>(l.getFilterChainsList());
    if (l.hasDefaultFilterChain()) {
      chains.add(l.getDefaultFilterChain());
    }
    for (int pass = 0; pass < 2; pass++) {
      String wanted = pass == 0 ? HCM : TCP_PROXY;
      for (int c = 0; c < chains.size(); c++) {
        List<Filter> filters = chains.get(c).getFiltersList();
        String chainPath =
            c < l.getFilterChainsCount() ? "filter_chains[" + c + "]" : "default_filter_chain";
        for (int f = 0; f < filters.size(); f++) {
          Filter filter = filters.get(f);
          if (!filter.hasTypedConfig()) {
            continue;
          }
          String p = chainPath + ".filters[" + f + "].typed_config";
          if (TypedConfigs.typeUrl(filter.getTypedConfig(), p).equals(wanted)) {
            return pass == 0
                ? http(l, address, filter.getTypedConfig(), p)
                : tcp(l, address, filter.getTypedConfig(), p);
          }
        }
      }
    }
    throw new Invalid(
        "filter_chains",
        "no HttpConnectionManager (api_listener or filter chain) and no tcp_proxy filter:"
            + " nothing the mesh can apply");
  }

  private static DecodedResource http(Listener l, SocketAddress address, Any any, String path) {
    HttpConnectionManager hcm =
        TypedConfigs.unpack(any, HttpConnectionManager.getDefaultInstance(), path);
    String routeName = null;
    io.inmesh.model.RouteConfiguration inline = null;
    switch (hcm.getRouteSpecifierCase()) {
      case RDS ->
          routeName =
              Matchers.nonEmpty(hcm.getRds().getRouteConfigName(), path + ".rds.route_config_name");
      case ROUTE_CONFIG ->
          inline =
              RouteConfigDecoder.routeConfiguration(hcm.getRouteConfig(), path + ".route_config.");
      case SCOPED_ROUTES ->
          throw new Invalid(path + ".scoped_routes", "scoped routes are not supported");
      case ROUTESPECIFIER_NOT_SET ->
          throw new Invalid(path, "one of rds, route_config is required");
    }
    Duration maxStream =
        hcm.getCommonHttpProtocolOptions().hasMaxStreamDuration()
            ? Values.duration(
                hcm.getCommonHttpProtocolOptions().getMaxStreamDuration(),
                path + ".common_http_protocol_options.max_stream_duration")
            : null;
    io.inmesh.model.HttpConnectionManager model =
        new io.inmesh.model.HttpConnectionManager(
            routeName,
            inline,
            HttpFilterDecoder.chain(hcm.getHttpFiltersList(), path + ".http_filters"),
            maxStream);
    io.inmesh.model.Listener listener =
        new io.inmesh.model.Listener(l.getName(), address, model, null);
    Map<ResourceType, Set<String>> deps =
        inline == null
            ? Map.of(ResourceType.ROUTE_CONFIGURATION, Set.of(routeName))
            : Map.of(ResourceType.CLUSTER, RouteConfigDecoder.clustersOf(inline));
    return new DecodedResource(ResourceType.LISTENER, l.getName(), listener, deps);
  }

  private static DecodedResource tcp(Listener l, SocketAddress address, Any any, String path) {
    TcpProxy proxy = TypedConfigs.unpack(any, TcpProxy.getDefaultInstance(), path);
    String cluster =
        switch (proxy.getClusterSpecifierCase()) {
          case CLUSTER -> Matchers.nonEmpty(proxy.getCluster(), path + ".cluster");
          case WEIGHTED_CLUSTERS ->
              throw new Invalid(
                  path + ".weighted_clusters", "weighted TCP clusters are not supported");
          case CLUSTERSPECIFIER_NOT_SET ->
              throw new Invalid(path, "one of cluster, weighted_clusters is required");
        };
    io.inmesh.model.Listener listener =
        new io.inmesh.model.Listener(l.getName(), address, null, cluster);
    return new DecodedResource(
        ResourceType.LISTENER,
        l.getName(),
        listener,
        Map.of(ResourceType.CLUSTER, Set.of(cluster)));
  }
}
