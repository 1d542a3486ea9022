package io.inmesh.engine.upstream;

import io.inmesh.engine.telemetry.MeshMetrics;
import io.inmesh.engine.telemetry.MetricsSetting;
import io.inmesh.engine.telemetry.OtelMeshMetrics;
import io.inmesh.engine.telemetry.RequestOutcome;
import io.inmesh.engine.telemetry.RouteMetrics;
import io.inmesh.model.Cluster;
import io.inmesh.model.LbPolicy;
import io.inmesh.model.OutlierDetection;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Rough figures for the report (not a test, not a benchmark): ns and bytes allocated per pick (plus
 * attempt start/end) over 1M warmed picks per policy, and per OTel recording. Run with {@code java
 * -cp <test classpath> io.inmesh.engine.upstream.PickFigures}. The JMH whole-decision benchmark in
 * benchmarks/ is the measurement of record.
 */
public final class PickFigures {
  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static long sink;

  private PickFigures() {}

  public static void main(String[] args) throws Exception {
    PickContext[] contexts = new PickContext[1024];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < contexts.length; i++) {
      contexts[i] = PickContext.ofHash(r.nextLong());
    }
    System.out.printf("%-14s %6s %10s %12s%n", "policy", "hosts", "ns/pick", "bytes/pick");
    for (boolean outlier : new boolean[] {false, true}) {
      for (LbPolicy p :
          List.of(
              LbPolicy.ROUND_ROBIN, LbPolicy.LEAST_REQUEST, LbPolicy.RING_HASH, LbPolicy.MAGLEV)) {
        for (int hosts : new int[] {10, 100}) {
          UpstreamCluster c = cluster(p, hosts, outlier);
          run(c, contexts, 1_000_000); // warm up
          run(c, contexts, 1_000_000);
          long tid = Thread.currentThread().getId();
          long b0 = MX.getThreadAllocatedBytes(tid);
          long t0 = System.nanoTime();
          run(c, contexts, 1_000_000);
          long t1 = System.nanoTime();
          long b1 = MX.getThreadAllocatedBytes(tid);
          System.out.printf(
              "%-14s %6d %10.1f %12.3f%s%n",
              p, hosts, (t1 - t0) / 1e6, (b1 - b0) / 1e6, outlier ? "  (+outlier detection)" : "");
        }
      }
    }
    try (MeshMetrics m = OtelMeshMetrics.start(MetricsSetting.parse("prometheus:0"), Thread::new)) {
      RouteMetrics rm = m.route("r", "svc");
      for (int i = 0; i < 2_000_000; i++) {
        rm.request(RequestOutcome.SUCCESS, i);
      }
      long tid = Thread.currentThread().getId();
      long b0 = MX.getThreadAllocatedBytes(tid);
      long t0 = System.nanoTime();
      for (int i = 0; i < 1_000_000; i++) {
        rm.request(RequestOutcome.SUCCESS, i);
      }
      long t1 = System.nanoTime();
      long b1 = MX.getThreadAllocatedBytes(tid);
      System.out.printf(
          "OTel request() %10.1f ns %12.3f bytes per call%n", (t1 - t0) / 1e6, (b1 - b0) / 1e6);
    }
    System.out.println(sink == 42 ? "" : "done");
    System.exit(0);
  }

  private static void run(UpstreamCluster c, PickContext[] contexts, int n) {
    for (int i = 0; i < n; i++) {
      Host h = c.pick(contexts[i & 1023]);
      c.onAttemptStart(h);
      c.onAttemptEnd(h, AttemptResult.SUCCESS, 1000);
      sink += h.weight();
    }
  }

  private static UpstreamCluster cluster(LbPolicy policy, int hosts, boolean outlier) {
    Cluster cl =
        Fixtures.cluster(
            "svc",
            policy,
            Cluster.LbConfig.DEFAULTS,
            null,
            outlier ? OutlierDetection.defaults() : null,
            50);
    return Upstreams.build(
            Fixtures.snapshot(
                cl, List.of(Fixtures.locality("a", 1, 0, Fixtures.endpoints(1, hosts)))),
            null,
            UpstreamClock.SYSTEM,
            RandomSource.THREAD_LOCAL,
            MeshMetrics.noop())
        .cluster("svc");
  }
}
