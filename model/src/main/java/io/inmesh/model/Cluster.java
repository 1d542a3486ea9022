package io.inmesh.model;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code config.cluster.v3.Cluster}, the parts a client-side mesh applies.
 *
 * @param edsServiceName the ClusterLoadAssignment to use for EDS (defaults to the cluster name)
 * @param loadAssignment the inline endpoints of STATIC / DNS clusters, or null
 * @param connectTimeout Envoy default 5 s
 * @param outlierDetection null: outlier detection off
 * @param healthyPanicThresholdPercent Envoy default 50; 0 disables panic mode
 * @param tls the upstream TLS context, or null for plaintext
 */
public record Cluster(
    String name,
    DiscoveryType type,
    String edsServiceName,
    ClusterLoadAssignment loadAssignment,
    LbPolicy lbPolicy,
    LbConfig lbConfig,
    Duration connectTimeout,
    CircuitBreakers circuitBreakers,
    OutlierDetection outlierDetection,
    double healthyPanicThresholdPercent,
    UpstreamTls tls) {
  public Cluster {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(lbPolicy, "lbPolicy");
    lbConfig = lbConfig == null ? LbConfig.DEFAULTS : lbConfig;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    circuitBreakers = circuitBreakers == null ? CircuitBreakers.DEFAULTS : circuitBreakers;
    if (type == DiscoveryType.EDS && edsServiceName == null) {
      edsServiceName = name;
    }
  }

  /** How the cluster's endpoints are found. */
  public enum DiscoveryType {
    EDS,
    STATIC,
    STRICT_DNS,
    LOGICAL_DNS,
    ORIGINAL_DST
  }

  /**
   * Policy parameters, each at Envoy's default unless set.
   *
   * @param choiceCount LEAST_REQUEST: candidates sampled (default 2)
   * @param activeRequestBias LEAST_REQUEST with unequal weights (default 1.0)
   * @param minRingSize RING_HASH (default 1024)
   * @param maxRingSize RING_HASH (default 8M)
   * @param maglevTableSize MAGLEV (default 65537, a prime)
   * @param localityWeighted {@code locality_weighted_lb_config} is set
   */
  public record LbConfig(
      int choiceCount,
      double activeRequestBias,
      long minRingSize,
      long maxRingSize,
      long maglevTableSize,
      boolean localityWeighted) {
    public static final LbConfig DEFAULTS =
        new LbConfig(2, 1.0, 1024, 8 * 1024 * 1024, 65537, false);
  }

  /**
   * Upstream TLS: verify and present the logical name, as Envoy's {@code UpstreamTlsContext} does.
   *
   * @param sni the server name to send, or null to keep the app's
   */
  public record UpstreamTls(String sni) {}
}
