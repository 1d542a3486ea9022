package io.inmesh.engine.upstream;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * ROUND_ROBIN. Equal weights rotate through the hosts. Unequal weights follow Envoy's earliest
 * deadline first order (a host of weight w is due every 1/w), but the order is computed once when
 * the host list is built, as a cycle of host indexes, and a shared atomic cursor walks it: picks
 * are then one {@code getAndIncrement} instead of a locked heap update, and the sequence is the one
 * Envoy's EDF scheduler produces. Weights are first divided by their gcd; a cycle longer than
 * {@value #MAX_CYCLE} is scaled down to fit (each host keeps at least one slot), which bounds
 * memory at the cost of a rounding error below 1 / (slots of the host).
 */
final class RoundRobinSelector implements HostSelector {
  static final int MAX_CYCLE = 16_384;

  private final Host[] hosts;
  private final int[] cycle; // null when weights are equal
  private final AtomicInteger cursor;

  RoundRobinSelector(Host[] hosts, RandomSource random) {
    this.hosts = hosts;
    this.cycle = equalWeights(hosts) ? null : edfCycle(weights(hosts));
    int length = cycle == null ? hosts.length : cycle.length;
    // Envoy starts each scheduler at a random point so that clients do not march in lockstep.
    this.cursor = new AtomicInteger(random.nextInt(length));
  }

  @Override
  public Host select(PickContext ctx, int attempt) {
    int i = cursor.getAndIncrement() & Integer.MAX_VALUE;
    return cycle == null ? hosts[i % hosts.length] : hosts[cycle[i % cycle.length]];
  }

  private static boolean equalWeights(Host[] hosts) {
    for (Host h : hosts) {
      if (h.weight() != hosts[0].weight()) {
        return false;
      }
    }
    return true;
  }

  private static long[] weights(Host[] hosts) {
    long[] w = new long[hosts.length];
    for (int i = 0; i < hosts.length; i++) {
      w[i] = hosts[i].weight();
    }
    return w;
  }

  /**
   * One period of EDF picks: host i's k-th deadline is k / w_i; the earliest deadline goes first,
   * and equal deadlines go first-in first-out, as in Envoy's scheduler (a host re-enters the queue
   * when it is picked; initially in host order). Over one period each host appears w_i times.
   */
  static int[] edfCycle(long[] weights) {
    long g = 0;
    long sum = 0;
    for (long w : weights) {
      g = gcd(g, w);
    }
    long[] w = new long[weights.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights[i] / g;
      sum += w[i];
    }
    if (sum > MAX_CYCLE) {
      long scaled = 0;
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.max(1, Math.round((double) w[i] * MAX_CYCLE / sum));
        scaled += w[i];
      }
      sum = scaled;
    }
    int[] cycle = new int[(int) sum];
    long[] picked = new long[w.length];
    long[] queuedAt = new long[w.length];
    for (int i = 0; i < w.length; i++) {
      queuedAt[i] = i - w.length;
    }
    for (int slot = 0; slot < cycle.length; slot++) {
      int best = -1;
      for (int i = 0; i < w.length; i++) {
        if (picked[i] == w[i]) {
          continue;
        }
        if (best < 0) {
          best = i;
          continue;
        }
        // Compare deadlines (picked[i] + 1) / w[i] and (picked[best] + 1) / w[best] exactly.
        long lhs = (picked[i] + 1) * w[best];
        long rhs = (picked[best] + 1) * w[i];
        if (lhs < rhs || (lhs == rhs && queuedAt[i] < queuedAt[best])) {
          best = i;
        }
      }
      cycle[slot] = best;
      picked[best]++;
      queuedAt[best] = slot;
    }
    return cycle;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
