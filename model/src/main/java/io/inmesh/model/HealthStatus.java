package io.inmesh.model;

/**
 * Envoy's EDS {@code HealthStatus}. UNKNOWN and HEALTHY take traffic; DEGRADED only as a fallback.
 */
public enum HealthStatus {
  UNKNOWN,
  HEALTHY,
  UNHEALTHY,
  DRAINING,
  TIMEOUT,
  DEGRADED;

  /** Whether Envoy would route to an endpoint in this state outside panic mode. */
  public boolean takesTraffic() {
    return this == UNKNOWN || this == HEALTHY;
  }
}
