package io.inmesh.xds.bench;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.xds.decode.DecodedResource;
import io.inmesh.xds.decode.ResourceType;
import io.inmesh.xds.decode.SnapshotAssembler;
import io.inmesh.xds.decode.XdsDecoder;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decode + snapshot build time and retained heap for N clusters with 10 endpoints each, from binary
 * {@code Any}s as an ADS response carries them. Plain main (no benchmarks module exists):
 *
 * <pre>java -cp ... io.inmesh.xds.bench.DecodeBenchmark 1000 10000</pre>
 *
 * <p>Retained heap: used heap after full GCs with the snapshot held, minus before, divided by the
 * count; the proto inputs stay reachable across both measurements.
 */
public final class DecodeBenchmark {
  private DecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int[] sizes =
        args.length == 0
            ? new int[] {1000, 10000}
            : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    XdsDecoder decoder = new XdsDecoder();
    run(decoder, 200, 10, false); // warm-up: class loading, descriptors, JIT
    run(decoder, 2000, 10, false);
    for (int clusters : sizes) {
      run(decoder, clusters, 10, true);
    }
  }

  private static MeshSnapshot run(
      XdsDecoder decoder, int clusters, int endpointsPerCluster, boolean print) throws Exception {
    List<Any> cds = new ArrayList<>(clusters);
    List<Any> eds = new ArrayList<>(clusters);
    for (int i = 0; i < clusters; i++) {
      cds.add(Any.pack(cluster(i)));
      eds.add(Any.pack(assignment(i, endpointsPerCluster)));
    }
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    List<DecodedResource> decoded = new ArrayList<>(2 * clusters);
    for (Any a : cds) {
      decoded.add(decoder.decode(ResourceType.CLUSTER, a));
    }
    for (Any a : eds) {
      decoded.add(decoder.decode(ResourceType.CLUSTER_LOAD_ASSIGNMENT, a));
    }
    MeshSnapshot snapshot = SnapshotAssembler.assemble("bench", decoded, Set.of());
    long elapsedNanos = System.nanoTime() - t0;
    decoded = null;
    // The inputs were counted in "before": keep them alive so only the snapshot is measured.
    long after = usedAfterGc();
    java.lang.ref.Reference.reachabilityFence(cds);
    java.lang.ref.Reference.reachabilityFence(eds);
    long retained = after - before;
    if (print) {
      long endpoints = (long) clusters * endpointsPerCluster;
      System.out.printf(
          "clusters=%d endpoints=%d decode+snapshot=%d ms retained=%.1f MB (%.0f B per cluster incl. its %d endpoints; %.0f B per endpoint if clusters cost nothing)%n",
          clusters,
          endpoints,
          elapsedNanos / 1_000_000,
          retained / 1e6,
          retained / (double) clusters,
          endpointsPerCluster,
          retained / (double) endpoints);
    }
    if (snapshot.clusters().size() != clusters) {
      throw new AssertionError("lost clusters");
    }
    return snapshot;
  }

  /** Clusters with the features a real control plane sets: EDS, breakers, outlier detection. */
  private static Cluster cluster(int i) {
    String name = "outbound|8080||svc-" + i + ".default.svc.cluster.local";
    return Cluster.newBuilder()
        .setName(name)
        .setType(Cluster.DiscoveryType.EDS)
        .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setServiceName(name))
        .setConnectTimeout(Duration.newBuilder().setSeconds(1))
        .setLbPolicy(Cluster.LbPolicy.LEAST_REQUEST)
        .setCircuitBreakers(
            CircuitBreakers.newBuilder()
                .addThresholds(
                    CircuitBreakers.Thresholds.newBuilder()
                        .setMaxConnections(UInt32Value.of(100))
                        .setMaxRequests(UInt32Value.of(1000))))
        .setOutlierDetection(
            OutlierDetection.newBuilder()
                .setConsecutive5Xx(UInt32Value.of(7))
                .setInterval(Duration.newBuilder().setSeconds(5)))
        .build();
  }

  private static ClusterLoadAssignment assignment(int i, int endpoints) {
    LocalityLbEndpoints.Builder locality =
        LocalityLbEndpoints.newBuilder()
            .setLocality(Locality.newBuilder().setRegion("eu-west1").setZone("eu-west1-b"))
            .setLoadBalancingWeight(UInt32Value.of(1));
    for (int e = 0; e < endpoints; e++) {
      locality.addLbEndpoints(
          LbEndpoint.newBuilder()
              .setEndpoint(
                  Endpoint.newBuilder()
                      .setAddress(
                          Address.newBuilder()
                              .setSocketAddress(
                                  SocketAddress.newBuilder()
                                      .setAddress(
                                          "10." + (i >> 8 & 255) + "." + (i & 255) + "." + e)
                                      .setPortValue(8080)))));
    }
    return ClusterLoadAssignment.newBuilder()
        .setClusterName("outbound|8080||svc-" + i + ".default.svc.cluster.local")
        .addEndpoints(locality)
        .build();
  }

  private static long usedAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
