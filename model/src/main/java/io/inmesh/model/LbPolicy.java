package io.inmesh.model;

/**
 * The load-balancing policy of a {@link Cluster}, from {@code lb_policy} or the first supported
 * entry of {@code load_balancing_policy}. Its parameters live in {@link Cluster.LbConfig}.
 */
public enum LbPolicy {
  ROUND_ROBIN,
  LEAST_REQUEST,
  RANDOM,
  RING_HASH,
  MAGLEV,
  /** {@code ORIGINAL_DST} / {@code CLUSTER_PROVIDED}: the destination the app asked for. */
  CLUSTER_PROVIDED
}
