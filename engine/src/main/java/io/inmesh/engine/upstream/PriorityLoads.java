package io.inmesh.engine.upstream;

/**
 * Envoy's priority load: how much of the traffic (in whole percent) each priority level's healthy
 * and degraded hosts get, and which levels are in panic.
 *
 * <p>A level's availability is its healthy (or degraded) share of hosts times the overprovisioning
 * factor, capped at 100. Load fills the levels in order by healthy availability, then what is left
 * by degraded availability; when the availabilities add up to less than 100 the loads are scaled up
 * so they still total 100. A level is in panic when its healthy plus degraded share is below the
 * panic threshold: it then balances over all its hosts. When no level has any availability, all
 * levels are in panic and load is split by host count.
 */
final class PriorityLoads {
  final int[] healthy;
  final int[] degraded;
  final boolean[] panic;

  private PriorityLoads(int[] healthy, int[] degraded, boolean[] panic) {
    this.healthy = healthy;
    this.degraded = degraded;
    this.panic = panic;
  }

  /**
   * @param total hosts per priority
   * @param healthyCount usable healthy hosts per priority
   * @param degradedCount usable degraded hosts per priority
   * @param overprovisioningFactor percent, Envoy default 140
   * @param panicThresholdPercent 0 disables panic mode
   */
  static PriorityLoads compute(
      int[] total,
      int[] healthyCount,
      int[] degradedCount,
      int overprovisioningFactor,
      double panicThresholdPercent) {
    int n = total.length;
    int[] healthAvail = new int[n];
    int[] degradedAvail = new int[n];
    boolean[] panic = new boolean[n];
    int sum = 0;
    for (int p = 0; p < n; p++) {
      if (total[p] > 0) {
        healthAvail[p] =
            (int) Math.min(100, (long) overprovisioningFactor * healthyCount[p] / total[p]);
        degradedAvail[p] =
            (int) Math.min(100, (long) overprovisioningFactor * degradedCount[p] / total[p]);
        double usablePercent = 100.0 * (healthyCount[p] + degradedCount[p]) / total[p];
        panic[p] = usablePercent < Math.min(100.0, panicThresholdPercent);
      }
      sum += healthAvail[p] + degradedAvail[p];
    }
    int normalizedTotal = Math.min(100, sum);
    int[] healthyLoad = new int[n];
    int[] degradedLoad = new int[n];
    if (normalizedTotal == 0) {
      java.util.Arrays.fill(panic, true);
      splitByHostCount(total, healthyLoad);
      return new PriorityLoads(healthyLoad, degradedLoad, panic);
    }
    int left = distribute(healthyLoad, healthAvail, 100, normalizedTotal);
    left = distribute(degradedLoad, degradedAvail, left, normalizedTotal);
    if (left > 0) {
      // Integer rounding: the rest goes to the first level with healthy, else degraded, hosts.
      int first = firstPositive(healthAvail);
      if (first >= 0) {
        healthyLoad[first] += left;
      } else {
        degradedLoad[firstPositive(degradedAvail)] += left;
      }
    }
    return new PriorityLoads(healthyLoad, degradedLoad, panic);
  }

  private static int distribute(int[] load, int[] availability, int totalLoad, int normalized) {
    for (int p = 0; p < load.length; p++) {
      load[p] = Math.min(totalLoad, availability[p] * 100 / normalized);
      totalLoad -= load[p];
    }
    return totalLoad;
  }

  private static void splitByHostCount(int[] total, int[] load) {
    long hosts = 0;
    for (int t : total) {
      hosts += t;
    }
    if (hosts == 0) {
      if (load.length > 0) {
        load[0] = 100;
      }
      return;
    }
    int left = 100;
    int first = -1;
    for (int p = 0; p < total.length; p++) {
      if (first < 0 && total[p] > 0) {
        first = p;
      }
      load[p] = (int) (100L * total[p] / hosts);
      left -= load[p];
    }
    load[first] += left;
  }

  private static int firstPositive(int[] a) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] > 0) {
        return i;
      }
    }
    return -1;
  }
}
