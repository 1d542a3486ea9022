package io.inmesh.xds.ads;

import io.inmesh.model.MeshSnapshot;
import io.inmesh.xds.XdsConfigSource;
import io.inmesh.xds.XdsProtocol;
import io.inmesh.xds.XdsSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Time from {@code cache.setSnapshot} (an EDS change) on a real java-control-plane server to the
 * new snapshot being visible through {@link XdsConfigSource#snapshot()}, for SotW and delta. A
 * report, not a test: {@code java -cp <test classpath> io.inmesh.xds.ads.PushToVisibleBenchmark
 * [pushes]}.
 */
public final class PushToVisibleBenchmark {
  private PushToVisibleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pushes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    for (XdsProtocol protocol : XdsProtocol.values()) {
      run(protocol, 50); // warm-up
      long[] nanos = run(protocol, pushes);
      Arrays.sort(nanos);
      System.out.printf(
          "%s push-to-visible over %d pushes: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          protocol,
          pushes,
          nanos[nanos.length / 2] / 1e6,
          nanos[(int) (nanos.length * 0.9)] / 1e6,
          nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
          nanos[nanos.length - 1] / 1e6);
    }
  }

  private static long[] run(XdsProtocol protocol, int pushes) throws Exception {
    String node = "bench";
    try (TestControlPlane cp = TestControlPlane.start()) {
      MeshResources mesh = MeshResources.service("api", 80, 10000);
      cp.set(node, mesh.snapshot());
      XdsSettings settings =
          XdsSettings.builder("127.0.0.1", cp.port())
              .protocol(protocol)
              .nodeId(node)
              .doesNotExistTimeout(Duration.ofSeconds(10))
              .build();
      try (XdsConfigSource source = new XdsConfigSource(settings)) {
        source.start();
        source.requestListener("api:80").get(30, TimeUnit.SECONDS);
        long[] nanos = new long[pushes];
        for (int i = 0; i < pushes; i++) {
          int port = 10001 + i;
          mesh.endpoints.set(0, MeshResources.endpoints("api-eds", port));
          mesh.edsVersion++;
          long start = System.nanoTime();
          cp.set(node, mesh.snapshot());
          while (!hasPort(source.snapshot(), port)) {
            Thread.onSpinWait();
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
              throw new IllegalStateException("push " + i + " never became visible");
            }
          }
          nanos[i] = System.nanoTime() - start;
        }
        return nanos;
      }
    }
  }

  private static boolean hasPort(MeshSnapshot s, int port) {
    var cla = s.loadAssignments().get("api-eds");
    return cla != null
        && !cla.localities().isEmpty()
        && !cla.localities().get(0).endpoints().isEmpty()
        && cla.localities().get(0).endpoints().get(0).address().port() == port;
  }
}
