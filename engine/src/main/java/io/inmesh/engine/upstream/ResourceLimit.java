package io.inmesh.engine.upstream;

import io.inmesh.engine.telemetry.BreakerResource;
import io.inmesh.engine.telemetry.ClusterMetrics;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Envoy circuit-breaker threshold: a concurrency count that may not exceed a maximum.
 *
 * <p>A CAS loop on one {@link AtomicInteger} rather than Resilience4j's Bulkhead: Envoy's breaker
 * is exactly "in flight &lt; max", which is a compare-and-set, and a semaphore-based bulkhead would
 * add fairness bookkeeping, permits objects and events we do not need on the request path.
 */
class ResourceLimit {
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong overflows = new AtomicLong();
  private final BreakerResource resource;
  private final ClusterMetrics metrics;
  private final int max;

  ResourceLimit(BreakerResource resource, int max, ClusterMetrics metrics) {
    this.resource = resource;
    this.max = max;
    this.metrics = metrics;
  }

  /** The current maximum; the retry budget overrides it. */
  int max() {
    return max;
  }

  final boolean tryAcquire() {
    int limit = max();
    for (; ; ) {
      int c = count.get();
      if (c >= limit) {
        overflows.incrementAndGet();
        metrics.overflow(resource);
        return false;
      }
      if (count.compareAndSet(c, c + 1)) {
        return true;
      }
    }
  }

  final void release() {
    // Never below zero, so a stray double release cannot open the breaker wider than configured.
    for (; ; ) {
      int c = count.get();
      if (c <= 0 || count.compareAndSet(c, c - 1)) {
        return;
      }
    }
  }

  final int active() {
    return count.get();
  }

  final long overflows() {
    return overflows.get();
  }
}
