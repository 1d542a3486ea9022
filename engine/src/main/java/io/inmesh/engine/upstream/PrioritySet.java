package io.inmesh.engine.upstream;

import io.inmesh.model.HealthStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One immutable view of a cluster's hosts by priority and health, built whenever the hosts or their
 * ejections change: the priority loads, the panic flags, and per priority the healthy, degraded and
 * all-hosts lists with a selector each (built on first use, since most clusters only ever use their
 * healthy hosts and a Maglev table is not free).
 *
 * <p>Healthy means EDS UNKNOWN or HEALTHY and not ejected; degraded means EDS DEGRADED and not
 * ejected; anything else (UNHEALTHY, DRAINING, TIMEOUT, or ejected) only in panic mode.
 */
final class PrioritySet {
  private static final int HEALTHY = 0;
  private static final int DEGRADED = 1;
  private static final int ALL = 2;

  final int generation;
  private final Host[][][] lists; // [priority][source]
  private final PriorityLoads loads;
  private final SelectorFactory factory;
  private final RandomSource random;
  private final boolean hashBased;
  private final int totalHosts;

  /** One priority, no panic, all load on its healthy hosts: skip the priority draw. */
  private final int onlySource;

  // Published racily on purpose: selectors are immutable apart from atomics, so a duplicate
  // build by two threads is harmless and the final-field guarantee makes them safe to share.
  private final HostSelector[] selectors;

  PrioritySet(
      List<Host> hosts,
      int generation,
      SelectorFactory factory,
      int overprovisioningFactor,
      double panicThreshold,
      RandomSource random) {
    this.generation = generation;
    this.factory = factory;
    this.random = random;
    this.hashBased = factory.hashBased();
    this.totalHosts = hosts.size();
    int levels = 1;
    for (Host h : hosts) {
      levels = Math.max(levels, h.priority() + 1);
    }
    List<List<List<Host>>> byLevel = new ArrayList<>();
    for (int p = 0; p < levels; p++) {
      byLevel.add(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
    }
    for (Host h : hosts) {
      List<List<Host>> level = byLevel.get(h.priority());
      level.get(ALL).add(h);
      if (!h.isEjected()) {
        if (h.health().takesTraffic()) {
          level.get(HEALTHY).add(h);
        } else if (h.health() == HealthStatus.DEGRADED) {
          level.get(DEGRADED).add(h);
        }
      }
    }
    lists = new Host[levels][3][];
    int[] total = new int[levels];
    int[] healthy = new int[levels];
    int[] degraded = new int[levels];
    for (int p = 0; p < levels; p++) {
      for (int s = 0; s < 3; s++) {
        lists[p][s] = byLevel.get(p).get(s).toArray(new Host[0]);
      }
      total[p] = lists[p][ALL].length;
      healthy[p] = lists[p][HEALTHY].length;
      degraded[p] = lists[p][DEGRADED].length;
    }
    loads = PriorityLoads.compute(total, healthy, degraded, overprovisioningFactor, panicThreshold);
    selectors = new HostSelector[levels * 3];
    onlySource =
        levels == 1 && totalHosts > 0
            ? (loads.panic[0] ? ALL : loads.healthy[0] == 100 ? HEALTHY : -1)
            : -1;
  }

  /** A host, or null when the cluster has no hosts at all. */
  Host choose(PickContext ctx, int attempt) {
    if (totalHosts == 0) {
      return null;
    }
    if (onlySource >= 0) {
      return selector(0, onlySource).select(ctx, attempt);
    }
    int draw =
        (hashBased && ctx.hasHash()
                ? (int) Long.remainderUnsigned(ctx.hash(), 100)
                : random.nextInt(100))
            + 1;
    int[] healthy = loads.healthy;
    int sum = 0;
    for (int p = 0; p < healthy.length; p++) {
      sum += healthy[p];
      if (draw <= sum) {
        return selector(p, loads.panic[p] ? ALL : HEALTHY).select(ctx, attempt);
      }
    }
    int[] degraded = loads.degraded;
    for (int p = 0; p < degraded.length; p++) {
      sum += degraded[p];
      if (draw <= sum) {
        return selector(p, loads.panic[p] ? ALL : DEGRADED).select(ctx, attempt);
      }
    }
    return null; // unreachable: loads add up to 100
  }

  private HostSelector selector(int priority, int source) {
    int i = priority * 3 + source;
    HostSelector s = selectors[i];
    if (s == null) {
      // Panic mode balances over all hosts without locality weighting, as Envoy does.
      s = factory.create(lists[priority][source], lists[priority][ALL], source != ALL);
      selectors[i] = s;
    }
    return s;
  }

  int[] healthyLoad() {
    return loads.healthy.clone();
  }

  int[] degradedLoad() {
    return loads.degraded.clone();
  }

  boolean inPanic(int priority) {
    return priority < loads.panic.length && loads.panic[priority];
  }
}
