package io.inmesh.engine;

import io.inmesh.engine.testing.FiftyRouteMesh;
import io.inmesh.model.MeshConfigSource;
import java.lang.management.ManagementFactory;

/**
 * Measures the engine's per-call decision cost on the 50-route mesh, single-threaded: route match,
 * weighted/cluster pick, fault check, {@code max_requests} admission, host pick, and the no-retry
 * completion (attempt start/end, releases). Prints ns/op and B/op; asserts nothing (the JMH
 * benchmark in {@code benchmarks/} is the reference). Goal: ≤ 300 ns and ≤ 64 B per call.
 *
 * <p>Run: {@code java -cp <engine test classpath> io.inmesh.engine.DecisionCostMain}
 */
public final class DecisionCostMain {
  private DecisionCostMain() {}

  public static void main(String[] args) {
    MeshEngine engine =
        new MeshEngine(MeshConfigSource.fixed(FiftyRouteMesh.snapshot()), EngineOptions.defaults());
    OutboundRequest request = FiftyRouteMesh.request();
    OutboundRequest stranger = SimpleRequest.get("not-in-mesh.example", 443, "/");
    if (!"backend-1".equals(engine.start(request).cluster())) {
      throw new IllegalStateException("the benchmark request must reach backend-1");
    }
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long sink = 0;
    for (int round = 0; round < 5; round++) {
      int n = 2_000_000;
      long b0 = mx.getThreadAllocatedBytes(tid);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        MeshCall call = engine.start(request);
        call.beginAttempt();
        sink += call.onResponse(200, -1, HeaderView.EMPTY);
      }
      long t1 = System.nanoTime();
      long b1 = mx.getThreadAllocatedBytes(tid);
      for (int i = 0; i < n; i++) {
        sink += engine.isMeshService(stranger.host(), stranger.port()) ? 1 : 0;
      }
      long t2 = System.nanoTime();
      long b2 = mx.getThreadAllocatedBytes(tid);
      System.out.printf(
          "round %d: full decision %.1f ns/op %.1f B/op | pass-through check %.1f ns/op %.2f B/op%n",
          round,
          (t1 - t0) / (double) n,
          (b1 - b0) / (double) n,
          (t2 - t1) / (double) n,
          (b2 - b1) / (double) n);
    }
    System.out.println("(sink " + sink + ")");
  }
}
