package io.inmesh.engine.upstream;

import io.inmesh.model.CircuitBreakers;
import io.inmesh.model.Cluster;
import io.inmesh.model.ClusterLoadAssignment;
import io.inmesh.model.HealthStatus;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.LbPolicy;
import io.inmesh.model.Locality;
import io.inmesh.model.LocalityEndpoints;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.OutlierDetection;
import io.inmesh.model.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Builders for clusters and snapshots in tests. */
final class Fixtures {
  private Fixtures() {}

  static final class ManualClock implements UpstreamClock {
    final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
      return now.get();
    }

    void advanceMillis(long ms) {
      now.addAndGet(ms * 1_000_000L);
    }

    void advanceSeconds(long s) {
      advanceMillis(s * 1000);
    }
  }

  static LbEndpoint endpoint(int i, HealthStatus health, int weight) {
    return new LbEndpoint(new SocketAddress("10.0.0." + i, 8080), health, weight, null);
  }

  static List<LbEndpoint> endpoints(int from, int count) {
    List<LbEndpoint> list = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      list.add(endpoint(i, HealthStatus.HEALTHY, 1));
    }
    return list;
  }

  static LocalityEndpoints locality(String zone, int weight, int priority, List<LbEndpoint> eps) {
    return new LocalityEndpoints(new Locality("r", zone, ""), eps, weight, priority);
  }

  static Cluster cluster(String name, LbPolicy policy) {
    return cluster(name, policy, Cluster.LbConfig.DEFAULTS, null, null, 50);
  }

  static Cluster cluster(
      String name,
      LbPolicy policy,
      Cluster.LbConfig lb,
      CircuitBreakers breakers,
      OutlierDetection outlier,
      double panicThreshold) {
    return new Cluster(
        name,
        Cluster.DiscoveryType.EDS,
        name,
        null,
        policy,
        lb,
        null,
        breakers,
        outlier,
        panicThreshold,
        null);
  }

  static MeshSnapshot snapshot(Cluster cluster, List<LocalityEndpoints> localities) {
    return snapshot(cluster, ClusterLoadAssignment.of(cluster.edsServiceName(), localities));
  }

  static MeshSnapshot snapshot(Cluster cluster, ClusterLoadAssignment cla) {
    return new MeshSnapshot(
        "v",
        Map.of(),
        Map.of(),
        Map.of(cluster.name(), cluster),
        Map.of(cla.clusterName(), cla),
        Set.of());
  }

  /** One cluster, one locality, hosts 10.0.0.from .. from+count-1, all healthy. */
  static UpstreamCluster simple(LbPolicy policy, int count, long seed) {
    Cluster c = cluster("svc", policy);
    return build(snapshot(c, List.of(locality("a", 1, 0, endpoints(1, count)))), seed)
        .cluster("svc");
  }

  static Upstreams build(MeshSnapshot s, long seed) {
    return Upstreams.build(
        s,
        null,
        UpstreamClock.SYSTEM,
        RandomSource.seeded(seed),
        io.inmesh.engine.telemetry.MeshMetrics.noop());
  }

  /** Pick counts by host address over n picks. */
  static Map<String, Integer> counts(UpstreamCluster c, PickContext ctx, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Host h = c.pick(ctx);
      counts.merge(h.address().host(), 1, Integer::sum);
    }
    return counts;
  }
}
