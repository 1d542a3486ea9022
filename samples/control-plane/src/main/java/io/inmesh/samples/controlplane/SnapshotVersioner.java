package io.inmesh.samples.controlplane;

import io.envoyproxy.controlplane.cache.v3.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * Gives every accepted mesh a version number and each xDS type the number of the mesh version in
 * which that type last changed. java-control-plane re-pushes a type whenever its version string
 * changes, so unchanged types keep theirs and are not re-sent (FINDINGS.md).
 */
final class SnapshotVersioner {
  private XdsResources last;
  private long meshVersion;
  private long listenersVersion;
  private long routesVersion;
  private long clustersVersion;
  private long endpointsVersion;

  /** The snapshot for {@code next}, or empty when nothing changed since the last one. */
  synchronized Optional<Versioned> next(XdsResources next) {
    if (next.equals(last)) {
      return Optional.empty();
    }
    meshVersion++;
    listenersVersion =
        bump(listenersVersion, last == null ? null : last.listeners(), next.listeners());
    routesVersion = bump(routesVersion, last == null ? null : last.routes(), next.routes());
    clustersVersion = bump(clustersVersion, last == null ? null : last.clusters(), next.clusters());
    endpointsVersion =
        bump(endpointsVersion, last == null ? null : last.endpoints(), next.endpoints());
    last = next;
    Snapshot snapshot =
        Snapshot.create(
            next.clusters(),
            String.valueOf(clustersVersion),
            next.endpoints(),
            String.valueOf(endpointsVersion),
            next.listeners(),
            String.valueOf(listenersVersion),
            next.routes(),
            String.valueOf(routesVersion),
            List.of(),
            "0");
    String summary =
        "listeners@"
            + listenersVersion
            + " routes@"
            + routesVersion
            + " clusters@"
            + clustersVersion
            + " endpoints@"
            + endpointsVersion;
    return Optional.of(new Versioned(meshVersion, snapshot, summary));
  }

  synchronized long meshVersion() {
    return meshVersion;
  }

  private long bump(long current, List<?> before, List<?> after) {
    return after.equals(before) ? current : meshVersion;
  }

  /**
   * A snapshot with its mesh version.
   *
   * @param summary which mesh version each type was last changed in, for the log
   */
  record Versioned(long meshVersion, Snapshot snapshot, String summary) {}
}
