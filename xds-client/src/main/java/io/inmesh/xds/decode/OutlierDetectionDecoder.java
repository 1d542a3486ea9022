package io.inmesh.xds.decode;

import com.google.protobuf.UInt32Value;
import io.inmesh.model.OutlierDetection;

/** {@code OutlierDetection} with every unset field at Envoy's documented default. */
final class OutlierDetectionDecoder {
  private OutlierDetectionDecoder() {}

  static OutlierDetection decode(
      io.envoyproxy.envoy.config.cluster.v3.OutlierDetection o, String path) {
    OutlierDetection d = OutlierDetection.defaults();
    String p = path + ".";
    return new OutlierDetection(
        count(o.hasConsecutive5Xx() ? o.getConsecutive5Xx() : null, d.consecutive5xx()),
        count(
            o.hasConsecutiveGatewayFailure() ? o.getConsecutiveGatewayFailure() : null,
            d.consecutiveGatewayFailure()),
        count(
            o.hasConsecutiveLocalOriginFailure() ? o.getConsecutiveLocalOriginFailure() : null,
            d.consecutiveLocalOriginFailure()),
        o.hasInterval() ? Values.positiveDuration(o.getInterval(), p + "interval") : d.interval(),
        o.hasBaseEjectionTime()
            ? Values.positiveDuration(o.getBaseEjectionTime(), p + "base_ejection_time")
            : d.baseEjectionTime(),
        o.hasMaxEjectionTime()
            ? Values.positiveDuration(o.getMaxEjectionTime(), p + "max_ejection_time")
            : d.maxEjectionTime(),
        o.hasMaxEjectionTimeJitter()
            ? Values.duration(o.getMaxEjectionTimeJitter(), p + "max_ejection_time_jitter")
            : d.maxEjectionTimeJitter(),
        pct(
            o.hasMaxEjectionPercent() ? o.getMaxEjectionPercent() : null,
            d.maxEjectionPercent(),
            p + "max_ejection_percent"),
        pct(
            o.hasEnforcingConsecutive5Xx() ? o.getEnforcingConsecutive5Xx() : null,
            d.enforcingConsecutive5xx(),
            p + "enforcing_consecutive_5xx"),
        pct(
            o.hasEnforcingConsecutiveGatewayFailure()
                ? o.getEnforcingConsecutiveGatewayFailure()
                : null,
            d.enforcingConsecutiveGatewayFailure(),
            p + "enforcing_consecutive_gateway_failure"),
        pct(
            o.hasEnforcingConsecutiveLocalOriginFailure()
                ? o.getEnforcingConsecutiveLocalOriginFailure()
                : null,
            d.enforcingConsecutiveLocalOriginFailure(),
            p + "enforcing_consecutive_local_origin_failure"),
        pct(
            o.hasEnforcingSuccessRate() ? o.getEnforcingSuccessRate() : null,
            d.enforcingSuccessRate(),
            p + "enforcing_success_rate"),
        pct(
            o.hasEnforcingLocalOriginSuccessRate() ? o.getEnforcingLocalOriginSuccessRate() : null,
            d.enforcingLocalOriginSuccessRate(),
            p + "enforcing_local_origin_success_rate"),
        count(
            o.hasSuccessRateMinimumHosts() ? o.getSuccessRateMinimumHosts() : null,
            d.successRateMinimumHosts()),
        count(
            o.hasSuccessRateRequestVolume() ? o.getSuccessRateRequestVolume() : null,
            d.successRateRequestVolume()),
        // Envoy's stdev factor is in thousandths (1900 means 1.9).
        o.hasSuccessRateStdevFactor()
            ? Integer.toUnsignedLong(o.getSuccessRateStdevFactor().getValue()) / 1000.0
            : d.successRateStdevFactor(),
        pct(
            o.hasFailurePercentageThreshold() ? o.getFailurePercentageThreshold() : null,
            d.failurePercentageThreshold(),
            p + "failure_percentage_threshold"),
        pct(
            o.hasEnforcingFailurePercentage() ? o.getEnforcingFailurePercentage() : null,
            d.enforcingFailurePercentage(),
            p + "enforcing_failure_percentage"),
        pct(
            o.hasEnforcingFailurePercentageLocalOrigin()
                ? o.getEnforcingFailurePercentageLocalOrigin()
                : null,
            d.enforcingFailurePercentageLocalOrigin(),
            p + "enforcing_failure_percentage_local_origin"),
        count(
            o.hasFailurePercentageMinimumHosts() ? o.getFailurePercentageMinimumHosts() : null,
            d.failurePercentageMinimumHosts()),
        count(
            o.hasFailurePercentageRequestVolume() ? o.getFailurePercentageRequestVolume() : null,
            d.failurePercentageRequestVolume()),
        o.getSplitExternalLocalOriginErrors());
  }

  private static int count(UInt32Value v, int defaultValue) {
    return v == null ? defaultValue : Values.uint32(v.getValue());
  }

  private static int pct(UInt32Value v, int defaultValue, String path) {
    return Values.percentInt(v, defaultValue, path);
  }
}
