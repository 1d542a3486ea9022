package io.inmesh.engine.upstream;

import io.inmesh.engine.telemetry.MeshMetrics;
import io.inmesh.model.Cluster;
import io.inmesh.model.ClusterLoadAssignment;
import io.inmesh.model.MeshSnapshot;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Live state of every cluster in the current snapshot. Built once per snapshot swap, off the
 * request path; the previous instance's state is carried over:
 *
 * <ul>
 *   <li>cluster config and endpoints unchanged: the very same {@link UpstreamCluster} (breaker
 *       counts, ejections, load-balancer state such as rings and tables, least-request counters);
 *   <li>endpoints changed, config unchanged: breaker counts, and the per-host state (in-flight
 *       count, ejection, error counters) of hosts that remain; load balancers are rebuilt;
 *   <li>config changed, or a new cluster: fresh state, as Envoy builds a new cluster on a CDS
 *       change.
 * </ul>
 *
 * <p>Thread-safety: immutable after {@code build}; publish it through a volatile field or an atomic
 * reference together with the snapshot it belongs to.
 */
public final class Upstreams {
  /** No clusters. */
  public static final Upstreams EMPTY = new Upstreams(Map.of(), null);

  private final Map<String, UpstreamCluster> clusters;
  private final UpstreamEnv env;

  private Upstreams(Map<String, UpstreamCluster> clusters, UpstreamEnv env) {
    this.clusters = clusters;
    this.env = env;
  }

  /** Builds with the system clock, thread-local randomness and no metrics (or the previous's). */
  public static Upstreams build(MeshSnapshot snapshot, Upstreams previous, UpstreamClock clock) {
    UpstreamEnv env =
        previous != null && previous.env != null && previous.env.clock() == clock
            ? previous.env
            : new UpstreamEnv(clock, RandomSource.THREAD_LOCAL, MeshMetrics.noop());
    return build(snapshot, previous, env);
  }

  /**
   * Builds the state for {@code snapshot}, reusing what {@code previous} (nullable) holds for
   * unchanged clusters.
   *
   * @param metrics receives circuit-breaker overflows and ejections
   * @throws IllegalArgumentException naming the cluster and field, when a cluster's parameters are
   *     ones Envoy rejects (ring sizes, a Maglev table size that is not prime, {@code
   *     max_ejection_time} below {@code base_ejection_time}, ...); {@code previous} is then left
   *     untouched, so the caller can keep it and NACK the update
   */
  public static Upstreams build(
      MeshSnapshot snapshot,
      Upstreams previous,
      UpstreamClock clock,
      RandomSource random,
      MeshMetrics metrics) {
    return build(snapshot, previous, new UpstreamEnv(clock, random, metrics));
  }

  private static Upstreams build(MeshSnapshot snapshot, Upstreams previous, UpstreamEnv env) {
    Objects.requireNonNull(snapshot, "snapshot");
    // Validate everything first: building mutates state shared with the running snapshot (the
    // host states of an endpoint-only change), which must stay intact if this one is rejected.
    for (Cluster config : snapshot.clusters().values()) {
      UpstreamCluster.validate(config, snapshot.endpointsOf(config));
    }
    Map<String, UpstreamCluster> built = new HashMap<>();
    for (Cluster config : snapshot.clusters().values()) {
      ClusterLoadAssignment endpoints = snapshot.endpointsOf(config);
      UpstreamCluster old = previous == null ? null : previous.clusters.get(config.name());
      built.put(config.name(), carryOver(old, config, endpoints, env));
    }
    return new Upstreams(Map.copyOf(built), env);
  }

  private static UpstreamCluster carryOver(
      UpstreamCluster old, Cluster config, ClusterLoadAssignment endpoints, UpstreamEnv env) {
    if (old != null && old.config().equals(config)) {
      if (Objects.equals(old.endpoints(), endpoints)) {
        return old;
      }
      return new UpstreamCluster(old.lineage(), endpoints);
    }
    return new UpstreamCluster(new ClusterLineage(config, env), endpoints);
  }

  /** The cluster's state, or null when the snapshot has no such cluster. */
  public UpstreamCluster cluster(String name) {
    return clusters.get(name);
  }

  /** All clusters of the snapshot. */
  public Collection<UpstreamCluster> clusters() {
    return clusters.values();
  }
}
