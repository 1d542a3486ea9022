package io.inmesh.engine.upstream;

import io.inmesh.engine.telemetry.ClusterMetrics;
import io.inmesh.model.CircuitBreakers;
import io.inmesh.model.CircuitBreakers.RoutingPriority;
import io.inmesh.model.Cluster;
import io.inmesh.model.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state a cluster keeps for as long as its {@link Cluster} config is unchanged, across
 * endpoint-only updates: breaker counts (as Envoy keeps its resource manager), per-host state by
 * address, and the lock and generation counter that coordinate ejections between the cluster
 * objects of successive snapshots that are still in use.
 */
final class ClusterLineage {
  final Cluster config;
  final UpstreamEnv env;
  final ClusterMetrics metrics;
  final PriorityBreakers[] breakers;
  final Map<SocketAddress, HostState> hostStates = new ConcurrentHashMap<>();

  /** Bumped whenever a host's ejection changes; a cluster rebuilds its host sets when it moves. */
  final AtomicInteger healthGeneration = new AtomicInteger();

  /** Guards ejection fields of every {@link HostState} of this lineage. */
  final Object lock = new Object();

  /** Null when the cluster has no {@code outlier_detection}. */
  final OutlierDetector outlierDetector;

  ClusterLineage(Cluster config, UpstreamEnv env) {
    this.config = config;
    this.env = env;
    this.metrics = env.metrics().cluster(config.name());
    CircuitBreakers cb = config.circuitBreakers();
    RoutingPriority[] priorities = RoutingPriority.values();
    breakers = new PriorityBreakers[priorities.length];
    for (RoutingPriority p : priorities) {
      breakers[p.ordinal()] = new PriorityBreakers(cb.forPriority(p), metrics);
    }
    SelectorFactory.validate(config);
    outlierDetector =
        config.outlierDetection() == null
            ? null
            : new OutlierDetector(config.outlierDetection(), this);
  }

  HostState hostState(SocketAddress address) {
    return hostStates.computeIfAbsent(address, a -> new HostState());
  }

  /** Forgets hosts that left the cluster, so their state does not leak or come back stale. */
  void retainOnly(java.util.Set<SocketAddress> present) {
    hostStates.keySet().retainAll(present);
  }
}
