package io.inmesh.it.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code MESH_CONFIG} file of TCP services: Envoy v3 Listeners with a {@code tcp_proxy} filter
 * (and optionally an {@code address}, as Istio's ClusterIP) and STATIC clusters on loopback
 * endpoints, as Envoy JSON. Written atomically, so the file source never sees half a file.
 */
final class TcpMeshFile {
  private final List<String> resources = new ArrayList<>();

  /** Listener {@code name:port} → {@code cluster}; {@code address} may be null. */
  TcpMeshFile service(String name, int port, String address, String cluster) {
    String addr =
        address == null
            ? ""
            : "\"address\":{\"socket_address\":{\"address\":\""
                + address
                + "\",\"port_value\":"
                + port
                + "}},";
    resources.add(
        "{\"@type\":\"type.googleapis.com/envoy.config.listener.v3.Listener\",\"name\":\""
            + name
            + ":"
            + port
            + "\","
            + addr
            + "\"filter_chains\":[{\"filters\":[{\"name\":\"envoy.filters.network.tcp_proxy\","
            + "\"typed_config\":{\"@type\":"
            + "\"type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy\","
            + "\"stat_prefix\":\""
            + name
            + "\",\"cluster\":\""
            + cluster
            + "\"}}]}]}");
    return this;
  }

  /**
   * A round-robin cluster of {@code host:port=weight} endpoints; {@code outlier} is the JSON of its
   * outlier_detection or null.
   */
  TcpMeshFile cluster(String name, String outlier, String... endpoints) {
    List<String> eps = new ArrayList<>();
    for (String e : endpoints) {
      String[] hostPort = e.split("=")[0].split(":");
      String weight = e.contains("=") ? e.split("=")[1] : "1";
      eps.add(
          "{\"endpoint\":{\"address\":{\"socket_address\":{\"address\":\""
              + hostPort[0]
              + "\",\"port_value\":"
              + hostPort[1]
              + "}}},\"load_balancing_weight\":"
              + weight
              + "}");
    }
    resources.add(
        "{\"@type\":\"type.googleapis.com/envoy.config.cluster.v3.Cluster\",\"name\":\""
            + name
            + "\",\"type\":\"STATIC\",\"lb_policy\":\"ROUND_ROBIN\",\"connect_timeout\":\"1s\","
            + (outlier == null ? "" : "\"outlier_detection\":" + outlier + ",")
            + "\"load_assignment\":{\"cluster_name\":\""
            + name
            + "\",\"endpoints\":[{\"lb_endpoints\":["
            + String.join(",", eps)
            + "]}]}}");
    return this;
  }

  String toJson() {
    return "{\"resources\":[\n" + String.join(",\n", resources) + "\n]}\n";
  }

  void writeTo(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, toJson());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
