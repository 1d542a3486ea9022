package io.inmesh.benchmarks;

/** A {@code MESH_CONFIG} document of one TCP service with one endpoint, for forked benchmarks. */
public final class TcpServiceConfig {
  private TcpServiceConfig() {}

  /**
   * Listener {@code name:servicePort} (tcp_proxy) to a STATIC cluster of 127.0.0.1:endpointPort.
   */
  public static String json(String name, int servicePort, int endpointPort) {
    return "{\"resources\":[\n"
        + "{\"@type\":\"type.googleapis.com/envoy.config.listener.v3.Listener\",\"name\":\""
        + name
        + ":"
        + servicePort
        + "\",\"filter_chains\":[{\"filters\":[{\"name\":\"envoy.filters.network.tcp_proxy\","
        + "\"typed_config\":{\"@type\":"
        + "\"type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy\","
        + "\"stat_prefix\":\"b\",\"cluster\":\"b\"}}]}]},\n"
        + "{\"@type\":\"type.googleapis.com/envoy.config.cluster.v3.Cluster\",\"name\":\"b\","
        + "\"type\":\"STATIC\",\"connect_timeout\":\"1s\",\"load_assignment\":{\"cluster_name\":"
        + "\"b\",\"endpoints\":[{\"lb_endpoints\":[{\"endpoint\":{\"address\":{\"socket_address\":"
        + "{\"address\":\"127.0.0.1\",\"port_value\":"
        + endpointPort
        + "}}}}]}]}}\n]}\n";
  }
}
