package io.inmesh.model;

import java.time.Duration;

/**
 * {@code config.cluster.v3.OutlierDetection} with every field resolved to its value or Envoy's
 * default (see {@link #defaults()}), so the engine never has to know the defaults.
 *
 * <p>Percentages are 0..100. {@code successRateStdevFactor} is Envoy's value divided by 1000.
 */
public record OutlierDetection(
    int consecutive5xx,
    int consecutiveGatewayFailure,
    int consecutiveLocalOriginFailure,
    Duration interval,
    Duration baseEjectionTime,
    Duration maxEjectionTime,
    Duration maxEjectionTimeJitter,
    int maxEjectionPercent,
    int enforcingConsecutive5xx,
    int enforcingConsecutiveGatewayFailure,
    int enforcingConsecutiveLocalOriginFailure,
    int enforcingSuccessRate,
    int enforcingLocalOriginSuccessRate,
    int successRateMinimumHosts,
    int successRateRequestVolume,
    double successRateStdevFactor,
    int failurePercentageThreshold,
    int enforcingFailurePercentage,
    int enforcingFailurePercentageLocalOrigin,
    int failurePercentageMinimumHosts,
    int failurePercentageRequestVolume,
    boolean splitExternalLocalOriginErrors) {

  /** An {@code outlier_detection: {}} block: every field at Envoy's documented default. */
  public static OutlierDetection defaults() {
    return new OutlierDetection(
        5,
        5,
        5,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(300),
        Duration.ZERO,
        10,
        100,
        0,
        100,
        100,
        100,
        5,
        100,
        1.9,
        85,
        0,
        0,
        5,
        50,
        false);
  }
}
