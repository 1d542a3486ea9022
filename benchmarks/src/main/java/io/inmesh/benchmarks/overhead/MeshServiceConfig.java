package io.inmesh.benchmarks.overhead;

/**
 * The {@code MESH_CONFIG} file of the mesh variants: a Listener {@code <service>:<port>}, one route
 * matching every path, to a cluster with one endpoint (the backend). The service port is one
 * nothing listens on, so a call that reaches the backend can only have been routed by the mesh.
 */
final class MeshServiceConfig {
  private MeshServiceConfig() {}

  static String yaml(String service, int servicePort, int backendPort) {
    String listener = service + ":" + servicePort;
    return """
        resources:
        - '@type': type.googleapis.com/envoy.config.listener.v3.Listener
          name: %1$s
          api_listener:
            api_listener:
              '@type': type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
              stat_prefix: %2$s
              rds: {route_config_name: %1$s}
              http_filters:
              - name: envoy.filters.http.router
                typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}
        - '@type': type.googleapis.com/envoy.config.route.v3.RouteConfiguration
          name: %1$s
          virtual_hosts:
          - name: %2$s
            domains: ['*']
            routes: [{match: {prefix: /}, route: {cluster: %2$s}}]
        - '@type': type.googleapis.com/envoy.config.cluster.v3.Cluster
          name: %2$s
          type: EDS
        - '@type': type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment
          cluster_name: %2$s
          endpoints: [{lb_endpoints: [{endpoint: {address: {socket_address: {address: 127.0.0.1, port_value: %3$d}}}}]}]
        """
        .formatted(listener, service, backendPort);
  }
}
