package io.inmesh.engine.telemetry;

/** Why outlier detection ejected a host (Envoy's {@code OutlierEjectionType}). */
public enum EjectionReason {
  CONSECUTIVE_5XX,
  CONSECUTIVE_GATEWAY_FAILURE,
  CONSECUTIVE_LOCAL_ORIGIN_FAILURE,
  SUCCESS_RATE,
  SUCCESS_RATE_LOCAL_ORIGIN,
  FAILURE_PERCENTAGE,
  FAILURE_PERCENTAGE_LOCAL_ORIGIN;

  /** The label value used in exported metrics. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
