package io.inmesh.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.upstream.AttemptResult;
import io.inmesh.engine.upstream.Host;
import io.inmesh.engine.upstream.RandomSource;
import io.inmesh.engine.upstream.UpstreamClock;
import io.inmesh.engine.upstream.UpstreamCluster;
import io.inmesh.engine.upstream.Upstreams;
import io.inmesh.model.CircuitBreakers;
import io.inmesh.model.Cluster;
import io.inmesh.model.ClusterLoadAssignment;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.LbPolicy;
import io.inmesh.model.LocalityEndpoints;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.OutlierDetection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {
  private static final ThreadFactory DAEMON =
      r -> {
        Thread t = new Thread(r, "test-metrics");
        t.setDaemon(true);
        return t;
      };

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void scrapeShowsRecordedValues() throws Exception {
    int port = freePort();
    try (MeshMetrics metrics =
        OtelMeshMetrics.start(MetricsSetting.parse("prometheus:" + port), DAEMON)) {
      RouteMetrics r = metrics.route("r1", "svc");
      assertThat(metrics.route("r1", "svc")).isSameAs(r);
      for (int i = 0; i < 3; i++) {
        r.request(RequestOutcome.SUCCESS, 2_000_000); // 2 ms
      }
      r.request(RequestOutcome.SERVER_ERROR, 1_500_000_000L);
      r.retry();
      r.retry();
      r.faultInjected(FaultKind.ABORT);
      r.rateLimited();

      // Overflows and ejections come from a real cluster wired to these metrics.
      UpstreamCluster c = cluster(metrics);
      assertThat(c.tryAcquireRequest()).isTrue();
      assertThat(c.tryAcquireRequest()).isFalse();
      Host h = c.hosts().get(0);
      for (int i = 0; i < 5; i++) {
        c.onAttemptStart(h);
        c.onAttemptEnd(h, AttemptResult.HTTP_5XX, 1);
      }
      assertThat(h.isEjected()).isTrue();

      String body = scrape(port);
      assertThat(
              value(
                  body,
                  "inmesh_request_duration_seconds_count",
                  Map.of("cluster", "svc", "route", "r1", "outcome", "success")))
          .isEqualTo(3);
      assertThat(
              value(
                  body,
                  "inmesh_request_duration_seconds_sum",
                  Map.of("route", "r1", "outcome", "success")))
          .isCloseTo(0.006, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(
              value(
                  body,
                  "inmesh_request_duration_seconds_bucket",
                  Map.of("outcome", "success", "le", "0.0025")))
          .isEqualTo(3);
      assertThat(
              value(
                  body,
                  "inmesh_request_duration_seconds_bucket",
                  Map.of("outcome", "server_error", "le", "1.0")))
          .isEqualTo(0);
      assertThat(
              value(
                  body,
                  "inmesh_request_duration_seconds_bucket",
                  Map.of("outcome", "server_error", "le", "2.5")))
          .isEqualTo(1);
      assertThat(value(body, "inmesh_retries_total", Map.of("cluster", "svc", "route", "r1")))
          .isEqualTo(2);
      assertThat(value(body, "inmesh_faults_total", Map.of("kind", "abort"))).isEqualTo(1);
      assertThat(value(body, "inmesh_rate_limited_total", Map.of("route", "r1"))).isEqualTo(1);
      assertThat(
              value(
                  body,
                  "inmesh_circuit_breaker_overflows_total",
                  Map.of("cluster", "svc", "resource", "requests")))
          .isEqualTo(1);
      assertThat(
              value(
                  body,
                  "inmesh_outlier_ejections_total",
                  Map.of("cluster", "svc", "reason", "consecutive_5xx")))
          .isEqualTo(1);
    }
    // Closed: the port is released.
    try (ServerSocket again =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void offCostsNothing() {
    MeshMetrics off = OtelMeshMetrics.start(MetricsSetting.OFF, DAEMON);
    assertThat(off).isSameAs(MeshMetrics.noop());
    assertThat(off.enabled()).isFalse();
    RouteMetrics r = off.route("r", "c");
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int i = 0; i < 100_000; i++) {
      r.request(RequestOutcome.SUCCESS, i);
    }
    long before = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 1_000_000; i++) {
      r.request(RequestOutcome.SUCCESS, i);
      off.cluster("c").overflow(BreakerResource.REQUESTS);
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    assertThat(allocated).as("bytes for 1M no-op recordings").isLessThan(10_000);
  }

  private static UpstreamCluster cluster(MeshMetrics metrics) {
    List<LbEndpoint> eps = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      eps.add(LbEndpoint.of("10.1.0." + i, 80));
    }
    Cluster cl =
        new Cluster(
            "svc",
            Cluster.DiscoveryType.EDS,
            "svc",
            null,
            LbPolicy.ROUND_ROBIN,
            null,
            null,
            new CircuitBreakers(
                List.of(
                    new CircuitBreakers.Thresholds(
                        CircuitBreakers.RoutingPriority.DEFAULT, 10, 10, 1, 3, null))),
            OutlierDetection.defaults(),
            50,
            null);
    ClusterLoadAssignment cla =
        ClusterLoadAssignment.of("svc", List.of(new LocalityEndpoints(null, eps, 1, 0)));
    MeshSnapshot s =
        new MeshSnapshot("v", Map.of(), Map.of(), Map.of("svc", cl), Map.of("svc", cla), Set.of());
    return Upstreams.build(s, null, UpstreamClock.SYSTEM, RandomSource.seeded(1), metrics)
        .cluster("svc");
  }

  private static String scrape(int port) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> resp =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).isEqualTo(200);
    return resp.body();
  }

  /** The value of the one sample line of {@code name} carrying all {@code labels}. */
  private static double value(String body, String name, Map<String, String> labels) {
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)", Pattern.MULTILINE);
    Matcher m = line.matcher(body);
    Double found = null;
    while (m.find()) {
      String ls = m.group(1);
      boolean all = true;
      for (Map.Entry<String, String> e : labels.entrySet()) {
        all &= ls.contains(e.getKey() + "=\"" + e.getValue() + "\"");
      }
      if (all) {
        assertThat(found).as("more than one line of %s with %s", name, labels).isNull();
        found = Double.parseDouble(m.group(2));
      }
    }
    assertThat(found).as("a line of %s with %s in:\n%s", name, labels, body).isNotNull();
    return found;
  }
}
