package io.inmesh.xds.decode;

import io.inmesh.model.Cluster;
import io.inmesh.model.ClusterLoadAssignment;
import io.inmesh.model.Listener;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.RouteConfiguration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Builds a {@link MeshSnapshot} from a complete set of decoded resources. */
public final class SnapshotAssembler {
  private SnapshotAssembler() {}

  /**
   * @throws InvalidResourceException when two resources of one type share a name
   */
  public static MeshSnapshot assemble(
      String version, Collection<DecodedResource> resources, Set<String> absentListeners)
      throws InvalidResourceException {
    Map<String, Listener> listeners = new HashMap<>();
    Map<String, RouteConfiguration> routes = new HashMap<>();
    Map<String, Cluster> clusters = new HashMap<>();
    Map<String, ClusterLoadAssignment> endpoints = new HashMap<>();
    for (DecodedResource r : resources) {
      Map<String, ?> target =
          switch (r.type()) {
            case LISTENER -> listeners;
            case ROUTE_CONFIGURATION -> routes;
            case CLUSTER -> clusters;
            case CLUSTER_LOAD_ASSIGNMENT -> endpoints;
          };
      if (target.containsKey(r.name())) {
        throw new InvalidResourceException(r.name(), "duplicate " + r.type() + " name");
      }
      put(target, r.name(), r.model());
    }
    return new MeshSnapshot(version, listeners, routes, clusters, endpoints, absentListeners);
  }

  @SuppressWarnings("unchecked")
  private static <V> void put(Map<String, V> map, String name, Object model) {
    map.put(name, (V) model);
  }
}
