package io.inmesh.engine.upstream;

import io.inmesh.model.HealthStatus;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.Locality;
import io.inmesh.model.SocketAddress;

/**
 * One endpoint of a cluster as seen by this snapshot, with its live state (in-flight attempts,
 * ejection). Immutable except for that live state, which is shared with the same address in later
 * snapshots of the cluster. Thread-safe.
 *
 * <p>Two hosts are equal when their addresses are equal, so a host remembered from an earlier
 * attempt (for {@code previous_hosts}) matches across snapshot swaps.
 */
public final class Host {
  private final LbEndpoint endpoint;
  private final Locality locality;
  private final int localityWeight;
  private final int priority;
  final HostState state;

  Host(LbEndpoint endpoint, Locality locality, int localityWeight, int priority, HostState state) {
    this.endpoint = endpoint;
    this.locality = locality;
    this.localityWeight = localityWeight;
    this.priority = priority;
    this.state = state;
  }

  /** The endpoint's address: an IP literal (or DNS name for DNS clusters) and port. */
  public SocketAddress address() {
    return endpoint.address();
  }

  /** The endpoint's {@code load_balancing_weight} (at least 1). */
  public int weight() {
    return endpoint.weight();
  }

  public Locality locality() {
    return locality;
  }

  /** The locality's {@code load_balancing_weight} (0 when unset). */
  public int localityWeight() {
    return localityWeight;
  }

  /** The priority level, 0 being the highest. */
  public int priority() {
    return priority;
  }

  /** The EDS health status (outlier ejection is reported separately by {@link #isEjected()}). */
  public HealthStatus health() {
    return endpoint.health();
  }

  /** Whether outlier detection has this host ejected right now. */
  public boolean isEjected() {
    return state.ejected;
  }

  /** Attempts started on this host and not yet ended (what least-request compares). */
  public int activeRequests() {
    return state.active.get();
  }

  /** The endpoint's hostname (for {@code auto_host_rewrite}), or null. */
  public String hostname() {
    return endpoint.hostname();
  }

  LbEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Host h && h.endpoint.address().equals(endpoint.address());
  }

  @Override
  public int hashCode() {
    return endpoint.address().hashCode();
  }

  @Override
  public String toString() {
    return address().authority()
        + "{p"
        + priority
        + ", w"
        + weight()
        + ", "
        + health()
        + (isEjected() ? ", ejected" : "")
        + "}";
  }
}
