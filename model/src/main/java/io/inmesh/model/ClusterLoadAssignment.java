package io.inmesh.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code endpoint.v3.ClusterLoadAssignment} (EDS), named by the cluster's EDS service name.
 *
 * @param overprovisioningFactor percent, Envoy default 140
 */
public record ClusterLoadAssignment(
    String clusterName, List<LocalityEndpoints> localities, int overprovisioningFactor) {
  public ClusterLoadAssignment {
    Objects.requireNonNull(clusterName, "clusterName");
    localities = Immutables.list(localities);
  }

  public static ClusterLoadAssignment of(String clusterName, List<LocalityEndpoints> localities) {
    return new ClusterLoadAssignment(clusterName, localities, 140);
  }
}
