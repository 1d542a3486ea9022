package io.inmesh.model;

import java.util.List;

/**
 * {@code config.cluster.v3.CircuitBreakers}: concurrency limits per routing priority, Envoy's
 * meaning (not a failure-rate breaker).
 */
public record CircuitBreakers(List<Thresholds> thresholds) {
  public static final CircuitBreakers DEFAULTS = new CircuitBreakers(List.of());

  public CircuitBreakers {
    thresholds = Immutables.list(thresholds);
  }

  /** The thresholds for a priority, or Envoy's defaults when none are configured. */
  public Thresholds forPriority(RoutingPriority priority) {
    for (Thresholds t : thresholds) {
      if (t.priority() == priority) {
        return t;
      }
    }
    return Thresholds.defaults(priority);
  }

  /** Envoy's two routing priorities. */
  public enum RoutingPriority {
    DEFAULT,
    HIGH
  }

  /**
   * One priority's limits; Envoy's defaults are 1024 connections, pending and requests, 3 retries.
   *
   * @param retryBudget when set, replaces {@code maxRetries}; null: none
   */
  public record Thresholds(
      RoutingPriority priority,
      int maxConnections,
      int maxPendingRequests,
      int maxRequests,
      int maxRetries,
      RetryBudget retryBudget) {
    public static Thresholds defaults(RoutingPriority priority) {
      return new Thresholds(priority, 1024, 1024, 1024, 3, null);
    }
  }

  /**
   * Retries may be at most {@code budgetPercent} of active requests, but always at least {@code
   * minRetryConcurrency} (Envoy defaults 20 % and 3).
   */
  public record RetryBudget(double budgetPercent, int minRetryConcurrency) {}
}
