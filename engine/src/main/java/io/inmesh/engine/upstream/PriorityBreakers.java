package io.inmesh.engine.upstream;

import io.inmesh.engine.telemetry.BreakerResource;
import io.inmesh.engine.telemetry.ClusterMetrics;
import io.inmesh.model.CircuitBreakers;

/** The four thresholds of one routing priority of one cluster. */
final class PriorityBreakers {
  final ResourceLimit connections;
  final ResourceLimit pending;
  final ResourceLimit requests;
  final ResourceLimit retries;

  PriorityBreakers(CircuitBreakers.Thresholds t, ClusterMetrics metrics) {
    connections = new ResourceLimit(BreakerResource.CONNECTIONS, t.maxConnections(), metrics);
    pending = new ResourceLimit(BreakerResource.PENDING_REQUESTS, t.maxPendingRequests(), metrics);
    requests = new ResourceLimit(BreakerResource.REQUESTS, t.maxRequests(), metrics);
    CircuitBreakers.RetryBudget budget = t.retryBudget();
    retries =
        budget == null
            ? new ResourceLimit(BreakerResource.RETRIES, t.maxRetries(), metrics)
            : new RetryBudgetLimit(budget, requests, pending, metrics);
  }

  ResourceLimit of(BreakerResource resource) {
    return switch (resource) {
      case CONNECTIONS -> connections;
      case PENDING_REQUESTS -> pending;
      case REQUESTS -> requests;
      case RETRIES -> retries;
    };
  }

  /**
   * Envoy's retry budget: concurrent retries may be {@code budget_percent} of the active plus
   * pending requests, but never fewer than {@code min_retry_concurrency}.
   */
  private static final class RetryBudgetLimit extends ResourceLimit {
    private final double fraction;
    private final int minConcurrency;
    private final ResourceLimit requests;
    private final ResourceLimit pending;

    RetryBudgetLimit(
        CircuitBreakers.RetryBudget budget,
        ResourceLimit requests,
        ResourceLimit pending,
        ClusterMetrics metrics) {
      super(BreakerResource.RETRIES, Integer.MAX_VALUE, metrics);
      this.fraction = budget.budgetPercent() / 100.0;
      this.minConcurrency = budget.minRetryConcurrency();
      this.requests = requests;
      this.pending = pending;
    }

    @Override
    int max() {
      long byBudget = (long) (fraction * (requests.active() + pending.active()));
      return (int) Math.max(byBudget, minConcurrency);
    }
  }
}
