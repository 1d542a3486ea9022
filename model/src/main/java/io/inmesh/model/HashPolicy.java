package io.inmesh.model;

import java.time.Duration;

/**
 * One entry of a route's {@code hash_policy}, used by RING_HASH and MAGLEV clusters. Policies are
 * evaluated in order and combined; a {@code terminal} policy that produced a hash stops the walk.
 */
public sealed interface HashPolicy {
  boolean terminal();

  /** Hash a request header's value. */
  record Header(String name, boolean terminal) implements HashPolicy {}

  /** Hash a cookie's value (Envoy may generate the cookie when {@code ttl} is set). */
  record Cookie(String name, Duration ttl, String path, boolean terminal) implements HashPolicy {}

  /** Hash a query parameter's value. */
  record QueryParameter(String name, boolean terminal) implements HashPolicy {}

  /** Hash the caller's source address (for the mesh: this process's local address). */
  record SourceIp(boolean terminal) implements HashPolicy {}

  /** Hash a filter-state object; kept for fidelity, produces no hash in-process. */
  record FilterState(String key, boolean terminal) implements HashPolicy {}
}
