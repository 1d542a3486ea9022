package io.inmesh.engine.upstream;

import java.util.Collection;
import java.util.List;

/**
 * What one host selection needs from the request.
 *
 * @param hash the request hash from the route's {@code hash_policy} (RING_HASH, MAGLEV; also picks
 *     the priority level for them); ignored unless {@code hasHash}
 * @param hasHash false when no hash policy produced a hash: hash-based balancers then pick randomly
 * @param excluded hosts already tried by this call, for the {@code previous_hosts} retry predicate;
 *     empty when the predicate is not configured. Compared with {@link Host#equals} (by address),
 *     so hosts from an earlier snapshot still match
 * @param hostSelectionRetryMaxAttempts Envoy's {@code host_selection_retry_max_attempts}: a host in
 *     {@code excluded} is re-picked at most this many times, and the last pick is used as is
 */
public record PickContext(
    long hash, boolean hasHash, Collection<Host> excluded, int hostSelectionRetryMaxAttempts) {

  /** No hash, nothing excluded. */
  public static final PickContext DEFAULT = new PickContext(0, false, List.of(), 0);

  public PickContext {
    excluded = excluded == null ? List.of() : excluded;
    if (hostSelectionRetryMaxAttempts < 0) {
      throw new IllegalArgumentException(
          "hostSelectionRetryMaxAttempts must not be negative: " + hostSelectionRetryMaxAttempts);
    }
  }

  /** A context carrying a request hash and nothing excluded. */
  public static PickContext ofHash(long hash) {
    return new PickContext(hash, true, List.of(), 0);
  }

  boolean isExcluded(Host host) {
    // Excluded lists are tiny (the hosts of earlier attempts): a scan beats hashing.
    if (excluded.isEmpty()) {
      return false;
    }
    for (Host h : excluded) {
      if (h.equals(host)) {
        return true;
      }
    }
    return false;
  }
}
