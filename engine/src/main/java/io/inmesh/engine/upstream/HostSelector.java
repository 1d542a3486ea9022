package io.inmesh.engine.upstream;

/**
 * Picks one host out of a fixed, non-empty host list by one load-balancing policy. Instances are
 * built off the request path whenever the list changes, and are immutable apart from small atomic
 * cursors, so {@link #select} is lock-free and allocation-free.
 */
interface HostSelector {
  /**
   * @param attempt 0 for the first pick of a selection, then 1, 2, ... when the previous pick was
   *     rejected by {@code previous_hosts}; hash-based policies use it to move off the hash's host
   */
  Host select(PickContext ctx, int attempt);
}
