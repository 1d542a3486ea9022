package io.inmesh.model;

import java.util.Map;
import java.util.Set;

/**
 * One consistent view of the mesh configuration, replaced as a whole on every accepted change.
 *
 * <p>Names a source has asked for and learned do not exist are kept in {@link #absentListeners}, so
 * a call to a host that is not a mesh service can be passed through at the cost of one set lookup.
 *
 * @param version a label for logs and metrics (for xDS, the versions of the four types)
 * @param listeners by listener name ({@code host:port})
 * @param routeConfigurations by name (RDS)
 * @param clusters by name (CDS)
 * @param loadAssignments by EDS service name
 * @param absentListeners names known not to exist (the server said so or its timer ran out)
 */
public record MeshSnapshot(
    String version,
    Map<String, Listener> listeners,
    Map<String, RouteConfiguration> routeConfigurations,
    Map<String, Cluster> clusters,
    Map<String, ClusterLoadAssignment> loadAssignments,
    Set<String> absentListeners) {
  public static final MeshSnapshot EMPTY =
      new MeshSnapshot("empty", Map.of(), Map.of(), Map.of(), Map.of(), Set.of());

  public MeshSnapshot {
    version = version == null ? "" : version;
    listeners = Immutables.map(listeners);
    routeConfigurations = Immutables.map(routeConfigurations);
    clusters = Immutables.map(clusters);
    loadAssignments = Immutables.map(loadAssignments);
    absentListeners = Immutables.set(absentListeners);
  }

  /** What is known about a listener name. */
  public enum Lookup {
    /** The listener exists: the host is a mesh service. */
    FOUND,
    /** The listener is known not to exist: not a mesh service. */
    ABSENT,
    /** Not asked for yet, or the answer has not arrived. */
    UNKNOWN
  }

  public Lookup lookup(String listenerName) {
    if (listeners.containsKey(listenerName)) {
      return Lookup.FOUND;
    }
    return absentListeners.contains(listenerName) ? Lookup.ABSENT : Lookup.UNKNOWN;
  }

  /** The route configuration a listener's HCM uses (inline or RDS), or null. */
  public RouteConfiguration routesOf(Listener listener) {
    HttpConnectionManager hcm = listener.http();
    if (hcm == null) {
      return null;
    }
    return hcm.inlineRoutes() != null
        ? hcm.inlineRoutes()
        : routeConfigurations.get(hcm.routeConfigName());
  }

  /** The endpoints of a cluster: inline for STATIC/DNS clusters, from EDS otherwise; or null. */
  public ClusterLoadAssignment endpointsOf(Cluster cluster) {
    if (cluster.loadAssignment() != null) {
      return cluster.loadAssignment();
    }
    return cluster.edsServiceName() == null ? null : loadAssignments.get(cluster.edsServiceName());
  }
}
