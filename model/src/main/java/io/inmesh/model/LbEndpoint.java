package io.inmesh.model;

import java.util.Objects;

/**
 * {@code endpoint.v3.LbEndpoint}.
 *
 * @param weight {@code load_balancing_weight}, 1 when unset
 * @param hostname the endpoint's hostname (used by {@code auto_host_rewrite}), or null
 */
public record LbEndpoint(SocketAddress address, HealthStatus health, int weight, String hostname) {
  public LbEndpoint {
    Objects.requireNonNull(address, "address");
    health = health == null ? HealthStatus.UNKNOWN : health;
    if (weight < 1) {
      throw new IllegalArgumentException("endpoint weight must be at least 1: " + weight);
    }
  }

  public static LbEndpoint of(String host, int port) {
    return new LbEndpoint(new SocketAddress(host, port), HealthStatus.HEALTHY, 1, null);
  }
}
