package io.inmesh.engine.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * {@link MeshMetrics} on the OpenTelemetry SDK. Instruments (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@code inmesh.request.duration} seconds, histogram by cluster, route, outcome ({@code
 *       inmesh_request_duration_seconds_*}; its {@code _count} is the request count);
 *   <li>{@code inmesh.retries} by cluster, route ({@code inmesh_retries_total});
 *   <li>{@code inmesh.faults} by cluster, route, kind ({@code inmesh_faults_total});
 *   <li>{@code inmesh.rate_limited} by cluster, route ({@code inmesh_rate_limited_total});
 *   <li>{@code inmesh.circuit_breaker.overflows} by cluster, resource;
 *   <li>{@code inmesh.outlier.ejections} by cluster, reason.
 * </ul>
 *
 * <p>Every attribute set is built once per handle, so recording passes a ready {@link Attributes}
 * to the SDK. Thread-safe.
 */
public final class OtelMeshMetrics implements MeshMetrics {
  static final AttributeKey<String> CLUSTER = AttributeKey.stringKey("cluster");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("route");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");
  static final AttributeKey<String> RESOURCE = AttributeKey.stringKey("resource");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

  private static final List<Double> LATENCY_BUCKETS =
      List.of(
          0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
          30.0);

  private final SdkMeterProvider provider;
  final DoubleHistogram duration;
  final LongCounter retries;
  final LongCounter faults;
  final LongCounter rateLimited;
  final LongCounter overflows;
  final LongCounter ejections;
  private final ConcurrentMap<String, OtelClusterMetrics> clusters = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ConcurrentMap<String, OtelRouteMetrics>> routes =
      new ConcurrentHashMap<>();

  private OtelMeshMetrics(SdkMeterProvider provider) {
    this.provider = provider;
    Meter meter = provider.get("io.inmesh.engine");
    duration =
        meter
            .histogramBuilder("inmesh.request.duration")
            .setUnit("s")
            .setDescription("Downstream requests routed by the mesh, by final outcome")
            .setExplicitBucketBoundariesAdvice(LATENCY_BUCKETS)
            .build();
    retries = meter.counterBuilder("inmesh.retries").setDescription("Retry attempts").build();
    faults = meter.counterBuilder("inmesh.faults").setDescription("Faults injected").build();
    rateLimited =
        meter
            .counterBuilder("inmesh.rate_limited")
            .setDescription("Requests rejected by the local rate limiter")
            .build();
    overflows =
        meter
            .counterBuilder("inmesh.circuit_breaker.overflows")
            .setDescription("Requests, retries or connections turned away by a circuit breaker")
            .build();
    ejections =
        meter
            .counterBuilder("inmesh.outlier.ejections")
            .setDescription("Hosts ejected by outlier detection (enforced)")
            .build();
  }

  /**
   * Starts exporting as {@code setting} says; {@link MetricsSetting.Kind#OFF} returns {@link
   * MeshMetrics#noop()} and starts nothing.
   *
   * @param threads makes the exporter's threads (the agent marks them as its own); daemon threads
   *     are expected
   * @throws IllegalStateException when the Prometheus port cannot be bound
   */
  public static MeshMetrics start(MetricsSetting setting, ThreadFactory threads) {
    switch (setting.kind()) {
      case OFF:
        return MeshMetrics.noop();
      case PROMETHEUS:
        PrometheusHttpServer server;
        try {
          server =
              PrometheusHttpServer.builder()
                  .setHost(setting.host())
                  .setPort(setting.port())
                  // Our thread factory, so the agent can tell the scrape thread is its own. The
                  // exporter then needs IMMUTABLE_DATA (concurrent scrapes could share buffers),
                  // which only costs some garbage per scrape, not per request.
                  .setExecutor(Executors.newSingleThreadExecutor(threads))
                  .setMemoryMode(MemoryMode.IMMUTABLE_DATA)
                  .build();
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "cannot serve Prometheus metrics on " + setting.host() + ":" + setting.port(), e);
        }
        return withReader(server);
      case OTLP:
        OtlpHttpMetricExporter exporter =
            OtlpHttpMetricExporter.builder()
                .setEndpoint(otlpMetricsUrl(setting))
                .setMemoryMode(MemoryMode.REUSABLE_DATA)
                .build();
        return withReader(
            PeriodicMetricReader.builder(exporter)
                .setInterval(Duration.ofSeconds(60))
                .setExecutor(Executors.newSingleThreadScheduledExecutor(threads))
                .build());
      default:
        throw new IllegalArgumentException(setting.toString());
    }
  }

  private static String otlpMetricsUrl(MetricsSetting setting) {
    String base = setting.endpoint().toString();
    return base.endsWith("/v1/metrics")
        ? base
        : (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/metrics";
  }

  /** Records into a meter provider with the given reader (tests use in-memory readers). */
  public static OtelMeshMetrics withReader(MetricReader reader) {
    return new OtelMeshMetrics(
        SdkMeterProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.builder().put("service.name", "inmesh").build()))
            .registerMetricReader(reader)
            .build());
  }

  @Override
  public ClusterMetrics cluster(String clusterName) {
    return clusters.computeIfAbsent(clusterName, c -> new OtelClusterMetrics(this, c));
  }

  @Override
  public RouteMetrics route(String routeName, String clusterName) {
    // Two levels keyed by the strings themselves: a lookup allocates no composite key.
    return routes
        .computeIfAbsent(clusterName, c -> new ConcurrentHashMap<>())
        .computeIfAbsent(routeName, r -> new OtelRouteMetrics(this, r, clusterName));
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void close() {
    provider.shutdown().join(5, TimeUnit.SECONDS);
  }

  static Attributes attrs(AttributeKey<String> k1, String v1, AttributeKey<String> k2, String v2) {
    return Attributes.of(k1, v1, k2, v2);
  }
}
