package io.inmesh.xds.ads;

import com.google.protobuf.Any;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import java.util.ArrayList;
import java.util.List;

/**
 * Envoy v3 resources shaped as a proxyless control plane serves them, and a mutable "mesh" that
 * turns into java-control-plane snapshots with per-type versions.
 */
final class MeshResources {
  private static final ConfigSource ADS =
      ConfigSource.newBuilder().setAds(AggregatedConfigSource.getDefaultInstance()).build();

  final List<Listener> listeners = new ArrayList<>();
  final List<RouteConfiguration> routes = new ArrayList<>();
  final List<Cluster> clusters = new ArrayList<>();
  final List<ClusterLoadAssignment> endpoints = new ArrayList<>();
  int ldsVersion;
  int rdsVersion;
  int cdsVersion;
  int edsVersion;

  /**
   * {@code name} → RDS {@code name-routes} → cluster {@code name-cluster} → EDS {@code name-eds}.
   */
  static MeshResources service(String host, int port, int... endpointPorts) {
    MeshResources mesh = new MeshResources();
    mesh.addService(host, port, endpointPorts);
    return mesh;
  }

  MeshResources addService(String host, int port, int... endpointPorts) {
    String name = host + ":" + port;
    listeners.add(listener(name, host + "-routes"));
    routes.add(routes(host + "-routes", host + "-cluster"));
    clusters.add(edsCluster(host + "-cluster", host + "-eds"));
    endpoints.add(endpoints(host + "-eds", endpointPorts));
    return this;
  }

  Snapshot snapshot() {
    return Snapshot.create(
        clusters,
        "c" + cdsVersion,
        endpoints,
        "e" + edsVersion,
        listeners,
        "l" + ldsVersion,
        routes,
        "r" + rdsVersion,
        List.of(),
        "s0");
  }

  static Listener listener(String name, String routeConfigName) {
    HttpConnectionManager hcm =
        HttpConnectionManager.newBuilder()
            .setRds(Rds.newBuilder().setRouteConfigName(routeConfigName).setConfigSource(ADS))
            .addHttpFilters(
                HttpFilter.newBuilder()
                    .setName("envoy.filters.http.router")
                    .setTypedConfig(Any.pack(Router.getDefaultInstance())))
            .build();
    return Listener.newBuilder()
        .setName(name)
        .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(hcm)))
        .build();
  }

  static RouteConfiguration routes(String name, String cluster) {
    return RouteConfiguration.newBuilder()
        .setName(name)
        .addVirtualHosts(
            VirtualHost.newBuilder()
                .setName(name + "-vh")
                .addDomains("*")
                .addRoutes(
                    Route.newBuilder()
                        .setMatch(RouteMatch.newBuilder().setPrefix("/"))
                        .setRoute(RouteAction.newBuilder().setCluster(cluster))))
        .build();
  }

  /** Rejected by the decoder: a virtual host needs at least one domain. */
  static RouteConfiguration invalidRoutes(String name) {
    return RouteConfiguration.newBuilder()
        .setName(name)
        .addVirtualHosts(VirtualHost.newBuilder().setName(name + "-vh"))
        .build();
  }

  static Cluster edsCluster(String name, String serviceName) {
    return Cluster.newBuilder()
        .setName(name)
        .setType(Cluster.DiscoveryType.EDS)
        .setEdsClusterConfig(
            Cluster.EdsClusterConfig.newBuilder().setEdsConfig(ADS).setServiceName(serviceName))
        .build();
  }

  static ClusterLoadAssignment endpoints(String serviceName, int... ports) {
    LocalityLbEndpoints.Builder locality =
        LocalityLbEndpoints.newBuilder()
            .setLoadBalancingWeight(com.google.protobuf.UInt32Value.of(1));
    for (int port : ports) {
      locality.addLbEndpoints(
          LbEndpoint.newBuilder()
              .setEndpoint(
                  Endpoint.newBuilder()
                      .setAddress(
                          Address.newBuilder()
                              .setSocketAddress(
                                  SocketAddress.newBuilder()
                                      .setAddress("127.0.0.1")
                                      .setPortValue(port)))));
    }
    return ClusterLoadAssignment.newBuilder()
        .setClusterName(serviceName)
        .addEndpoints(locality)
        .build();
  }
}
