package io.inmesh.xds.decode;

import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.inmesh.model.CircuitBreakers.RetryBudget;
import io.inmesh.model.CircuitBreakers.Thresholds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CDS {@code Cluster}. */
final class ClusterDecoder {
  static final String UPSTREAM_TLS =
      TypedConfigs.typeUrlOf(UpstreamTlsContext.getDefaultInstance());

  private ClusterDecoder() {}

  static DecodedResource decode(Cluster c) {
    io.inmesh.model.Cluster.DiscoveryType type = discoveryType(c);
    io.inmesh.model.ClusterLoadAssignment inline = null;
    if (type != io.inmesh.model.Cluster.DiscoveryType.EDS
        && type != io.inmesh.model.Cluster.DiscoveryType.ORIGINAL_DST
        && c.hasLoadAssignment()) {
      inline =
          EndpointDecoder.loadAssignment(c.getLoadAssignment(), c.getName(), "load_assignment.");
    }
    if ((type == io.inmesh.model.Cluster.DiscoveryType.STRICT_DNS
            || type == io.inmesh.model.Cluster.DiscoveryType.LOGICAL_DNS)
        && (inline == null || inline.localities().isEmpty())) {
      throw new Invalid("load_assignment", "a " + type + " cluster needs endpoints to resolve");
    }
    String edsName = null;
    if (type == io.inmesh.model.Cluster.DiscoveryType.EDS) {
      String service = c.getEdsClusterConfig().getServiceName();
      edsName = service.isEmpty() ? c.getName() : service;
    }
    LbPolicyDecoder.Result lb = LbPolicyDecoder.decode(c, type);
    Duration connectTimeout =
        c.hasConnectTimeout()
            ? Values.positiveDuration(c.getConnectTimeout(), "connect_timeout")
            : Duration.ofSeconds(5);
    double panic = 50;
    if (c.getCommonLbConfig().hasHealthyPanicThreshold()) {
      panic =
          Values.percent(
              c.getCommonLbConfig().getHealthyPanicThreshold(),
              "common_lb_config.healthy_panic_threshold");
    }
    io.inmesh.model.Cluster model =
        new io.inmesh.model.Cluster(
            c.getName(),
            type,
            edsName,
            inline,
            lb.policy(),
            lb.config(),
            connectTimeout,
            c.hasCircuitBreakers() ? circuitBreakers(c.getCircuitBreakers()) : null,
            c.hasOutlierDetection()
                ? OutlierDetectionDecoder.decode(c.getOutlierDetection(), "outlier_detection")
                : null,
            panic,
            tls(c));
    Map<ResourceType, Set<String>> deps =
        edsName == null ? Map.of() : Map.of(ResourceType.CLUSTER_LOAD_ASSIGNMENT, Set.of(edsName));
    return new DecodedResource(ResourceType.CLUSTER, c.getName(), model, deps);
  }

  private static io.inmesh.model.Cluster.DiscoveryType discoveryType(Cluster c) {
    if (c.hasClusterType()) {
      throw new Invalid(
          "cluster_type",
          "custom cluster types are not supported: " + c.getClusterType().getName());
    }
    return switch (c.getType()) {
      case STATIC -> io.inmesh.model.Cluster.DiscoveryType.STATIC;
      case STRICT_DNS -> io.inmesh.model.Cluster.DiscoveryType.STRICT_DNS;
      case LOGICAL_DNS -> io.inmesh.model.Cluster.DiscoveryType.LOGICAL_DNS;
      case EDS -> io.inmesh.model.Cluster.DiscoveryType.EDS;
      case ORIGINAL_DST -> io.inmesh.model.Cluster.DiscoveryType.ORIGINAL_DST;
      default -> throw new Invalid("type", "unknown value " + c.getTypeValue());
    };
  }

  private static io.inmesh.model.CircuitBreakers circuitBreakers(CircuitBreakers cb) {
    List<Thresholds> out = new ArrayList<>();
    for (int i = 0; i < cb.getThresholdsCount(); i++) {
      var t = cb.getThresholds(i);
      String p = "circuit_breakers.thresholds[" + i + "]";
      io.inmesh.model.CircuitBreakers.RoutingPriority priority =
          t.getPriority() == RoutingPriority.HIGH
              ? io.inmesh.model.CircuitBreakers.RoutingPriority.HIGH
              : io.inmesh.model.CircuitBreakers.RoutingPriority.DEFAULT;
      RetryBudget budget = null;
      if (t.hasRetryBudget()) {
        var b = t.getRetryBudget();
        budget =
            new RetryBudget(
                b.hasBudgetPercent()
                    ? Values.percent(b.getBudgetPercent(), p + ".retry_budget.budget_percent")
                    : 20.0,
                b.hasMinRetryConcurrency()
                    ? Values.uint32(b.getMinRetryConcurrency().getValue())
                    : 3);
      }
      out.add(
          new Thresholds(
              priority,
              t.hasMaxConnections() ? Values.uint32(t.getMaxConnections().getValue()) : 1024,
              t.hasMaxPendingRequests()
                  ? Values.uint32(t.getMaxPendingRequests().getValue())
                  : 1024,
              t.hasMaxRequests() ? Values.uint32(t.getMaxRequests().getValue()) : 1024,
              t.hasMaxRetries() ? Values.uint32(t.getMaxRetries().getValue()) : 3,
              budget));
    }
    return new io.inmesh.model.CircuitBreakers(out);
  }

  private static io.inmesh.model.Cluster.UpstreamTls tls(Cluster c) {
    if (!c.hasTransportSocket() || !c.getTransportSocket().hasTypedConfig()) {
      return null;
    }
    String path = "transport_socket.typed_config";
    var any = c.getTransportSocket().getTypedConfig();
    if (!TypedConfigs.typeUrl(any, path).equals(UPSTREAM_TLS)) {
      // raw_buffer and other transport sockets: plaintext as far as the mesh is concerned.
      return null;
    }
    UpstreamTlsContext tls =
        TypedConfigs.unpack(any, UpstreamTlsContext.getDefaultInstance(), path);
    return new io.inmesh.model.Cluster.UpstreamTls(tls.getSni().isEmpty() ? null : tls.getSni());
  }
}
