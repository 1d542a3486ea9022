package io.inmesh.engine.upstream;

import io.inmesh.engine.telemetry.BreakerResource;
import io.inmesh.model.CircuitBreakers.RoutingPriority;
import io.inmesh.model.Cluster;
import io.inmesh.model.ClusterLoadAssignment;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.LocalityEndpoints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The live state of one cluster: its hosts, load balancer, circuit breakers and outlier detector.
 *
 * <p>Usage per downstream request: {@link #tryAcquireRequest()} (a false return is a local 503,
 * "upstream overflow", and the overflow is already counted and reported to the metrics); per
 * attempt {@link #pick(PickContext)}, {@link #onAttemptStart(Host)}, then exactly one {@link
 * #onAttemptEnd(Host, AttemptResult, long)}; for a retry also {@link #tryAcquireRetry()} / {@link
 * #releaseRetry()}; finally {@link #releaseRequest()}. Release on the same object you acquired on,
 * even if a new snapshot has arrived meanwhile.
 *
 * <p>Thread-safety: all methods are safe for concurrent use and lock-free on the request path.
 */
public final class UpstreamCluster {
  private final ClusterLineage lineage;
  private final ClusterLoadAssignment endpoints;
  private final List<Host> hosts;
  private final SelectorFactory selectors;
  private final OutlierDetector outlier;
  private final int overprovisioningFactor;
  private volatile PrioritySet prioritySet;

  UpstreamCluster(ClusterLineage lineage, ClusterLoadAssignment endpoints) {
    this.lineage = lineage;
    this.endpoints = endpoints;
    validate(lineage.config, endpoints);
    this.hosts = buildHosts(lineage, endpoints);
    this.overprovisioningFactor = endpoints == null ? 140 : endpoints.overprovisioningFactor();
    this.selectors =
        new SelectorFactory(lineage.config, overprovisioningFactor, lineage.env.random());
    this.outlier = lineage.outlierDetector;
    this.prioritySet = newPrioritySet(lineage.healthGeneration.get());
  }

  private PrioritySet newPrioritySet(int generation) {
    return new PrioritySet(
        hosts,
        generation,
        selectors,
        overprovisioningFactor,
        lineage.config.healthyPanicThresholdPercent(),
        lineage.env.random());
  }

  /** The host sets for the current ejections; rebuilt off the common path when they changed. */
  PrioritySet prioritySet() {
    PrioritySet s = prioritySet;
    int generation = lineage.healthGeneration.get();
    if (s.generation != generation) {
      s = newPrioritySet(generation);
      prioritySet = s;
    }
    return s;
  }

  /**
   * Everything about a cluster's config and endpoints that can be wrong, checked without touching
   * any state, so that a rejected snapshot leaves the running one exactly as it was.
   */
  static void validate(Cluster config, ClusterLoadAssignment endpoints) {
    SelectorFactory.validate(config);
    if (config.outlierDetection() != null) {
      OutlierDetector.validate(config);
    }
    if (endpoints == null) {
      return;
    }
    if (endpoints.overprovisioningFactor() < 1) {
      throw new IllegalArgumentException(
          "cluster " + config.name() + ": overprovisioning_factor must be positive");
    }
    if (config.lbPolicy() == io.inmesh.model.LbPolicy.MAGLEV) {
      long count = endpoints.localities().stream().mapToLong(l -> l.endpoints().size()).sum();
      long limit = Math.min(config.lbConfig().maglevTableSize(), Character.MAX_VALUE);
      if (count > limit) {
        throw new IllegalArgumentException(
            "cluster " + config.name() + ": MAGLEV supports at most " + limit + " hosts: " + count);
      }
    }
  }

  private static List<Host> buildHosts(ClusterLineage lineage, ClusterLoadAssignment cla) {
    List<Host> hosts = new ArrayList<>();
    Set<io.inmesh.model.SocketAddress> present = new HashSet<>();
    if (cla != null) {
      for (LocalityEndpoints le : cla.localities()) {
        for (LbEndpoint e : le.endpoints()) {
          if (present.add(e.address())) {
            hosts.add(
                new Host(
                    e, le.locality(), le.weight(), le.priority(), lineage.hostState(e.address())));
          }
        }
      }
    }
    lineage.retainOnly(present);
    return List.copyOf(hosts);
  }

  /** The cluster's configuration. */
  public Cluster config() {
    return lineage.config;
  }

  /** The endpoints this state was built from (inline or EDS), or null when none are known. */
  public ClusterLoadAssignment endpoints() {
    return endpoints;
  }

  /** Every host of every priority, in EDS order. */
  public List<Host> hosts() {
    return hosts;
  }

  ClusterLineage lineage() {
    return lineage;
  }

  /**
   * Picks a host for one attempt by the cluster's policy, priorities, localities, health and panic
   * mode; re-picks a host in {@link PickContext#excluded()} up to {@link
   * PickContext#hostSelectionRetryMaxAttempts()} times. Returns null when there is no host to use
   * (a local 503, "no healthy upstream").
   */
  public Host pick(PickContext ctx) {
    if (outlier != null) {
      outlier.maybeTick();
    }
    PrioritySet set = prioritySet();
    Host h = set.choose(ctx, 0);
    // Envoy: re-pick while the predicate rejects the host, then use the last pick regardless.
    for (int attempt = 1;
        h != null && attempt <= ctx.hostSelectionRetryMaxAttempts() && ctx.isExcluded(h);
        attempt++) {
      h = set.choose(ctx, attempt);
    }
    return h;
  }

  /** How many hosts outlier detection has ejected right now. */
  public int ejectedHostCount() {
    int n = 0;
    for (Host h : hosts) {
      if (h.isEjected()) {
        n++;
      }
    }
    return n;
  }

  /** Records that an attempt was sent to {@code host} (least-request counts it as active). */
  public void onAttemptStart(Host host) {
    host.state.active.incrementAndGet();
  }

  /**
   * Records how an attempt ended, for outlier detection and least-request. Call exactly once per
   * {@link #onAttemptStart(Host)}.
   */
  public void onAttemptEnd(Host host, AttemptResult result, long latencyNanos) {
    host.state.active.decrementAndGet();
    if (outlier != null) {
      outlier.record(host.state, result);
    }
  }

  // ---- Circuit breaking: Envoy's concurrency thresholds, per routing priority. ----

  /** {@code max_requests} at DEFAULT priority: false means overflow (already counted). */
  public boolean tryAcquireRequest() {
    return tryAcquireRequest(RoutingPriority.DEFAULT);
  }

  /** {@code max_requests}: false means overflow (already counted). */
  public boolean tryAcquireRequest(RoutingPriority priority) {
    return breakers(priority).requests.tryAcquire();
  }

  public void releaseRequest() {
    releaseRequest(RoutingPriority.DEFAULT);
  }

  public void releaseRequest(RoutingPriority priority) {
    breakers(priority).requests.release();
  }

  /** {@code max_pending_requests} at DEFAULT priority (a request waiting for a connection). */
  public boolean tryAcquirePending() {
    return tryAcquirePending(RoutingPriority.DEFAULT);
  }

  public boolean tryAcquirePending(RoutingPriority priority) {
    return breakers(priority).pending.tryAcquire();
  }

  public void releasePending() {
    releasePending(RoutingPriority.DEFAULT);
  }

  public void releasePending(RoutingPriority priority) {
    breakers(priority).pending.release();
  }

  /** {@code max_connections} at DEFAULT priority (for the L4 connect hook). */
  public boolean tryAcquireConnection() {
    return tryAcquireConnection(RoutingPriority.DEFAULT);
  }

  public boolean tryAcquireConnection(RoutingPriority priority) {
    return breakers(priority).connections.tryAcquire();
  }

  public void releaseConnection() {
    releaseConnection(RoutingPriority.DEFAULT);
  }

  public void releaseConnection(RoutingPriority priority) {
    breakers(priority).connections.release();
  }

  /**
   * {@code max_retries}, or the retry budget when configured, at DEFAULT priority: acquire before
   * sending a retry, release when that retry attempt ends.
   */
  public boolean tryAcquireRetry() {
    return tryAcquireRetry(RoutingPriority.DEFAULT);
  }

  public boolean tryAcquireRetry(RoutingPriority priority) {
    return breakers(priority).retries.tryAcquire();
  }

  public void releaseRetry() {
    releaseRetry(RoutingPriority.DEFAULT);
  }

  public void releaseRetry(RoutingPriority priority) {
    breakers(priority).retries.release();
  }

  /**
   * How many of {@code resource} are in use now (Envoy's {@code remaining_*} is max minus this).
   */
  public int active(BreakerResource resource, RoutingPriority priority) {
    return breakers(priority).of(resource).active();
  }

  /** How often {@code resource} overflowed (Envoy's {@code upstream_rq_pending_overflow} etc.). */
  public long overflows(BreakerResource resource, RoutingPriority priority) {
    return breakers(priority).of(resource).overflows();
  }

  private PriorityBreakers breakers(RoutingPriority priority) {
    return lineage.breakers[priority.ordinal()];
  }

  @Override
  public String toString() {
    return "UpstreamCluster{" + lineage.config.name() + ", " + hosts.size() + " hosts}";
  }
}
