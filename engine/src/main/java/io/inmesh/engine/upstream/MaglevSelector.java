package io.inmesh.engine.upstream;

/**
 * MAGLEV, with Envoy's table construction: host h has offset {@code xxHash64(address, 0) % M} and
 * skip {@code xxHash64(address, 1) % (M - 1) + 1}, and fills the next free slot of its permutation
 * {@code (offset + skip * j) % M} in turns; a host of normalized weight w takes a turn in a share w
 * / max_weight of the rounds. A request goes to slot {@code hash % M}. M must be prime.
 */
final class MaglevSelector implements HostSelector {
  private final Host[] hosts;
  private final char[] table; // host indexes; hosts beyond 65535 are refused at build
  private final RandomSource random;

  MaglevSelector(Host[] hosts, long tableSize, boolean localityWeighted, RandomSource random) {
    if (hosts.length > Character.MAX_VALUE) {
      throw new IllegalArgumentException("MAGLEV supports at most 65535 hosts: " + hosts.length);
    }
    if (tableSize < hosts.length) {
      throw new IllegalArgumentException(
          "MAGLEV table size " + tableSize + " is smaller than the host count " + hosts.length);
    }
    this.hosts = hosts;
    this.random = random;
    int m = (int) tableSize;
    double[] weights = HashWeights.normalized(hosts, localityWeighted);
    double maxWeight = 0;
    for (double w : weights) {
      maxWeight = Math.max(maxWeight, w);
    }
    long[] offset = new long[hosts.length];
    long[] skip = new long[hosts.length];
    long[] next = new long[hosts.length];
    double[] targetWeight = new double[hosts.length];
    for (int h = 0; h < hosts.length; h++) {
      String key = HashWeights.key(hosts[h]);
      offset[h] = Long.remainderUnsigned(XxHash64.hash(key, 0), m);
      skip[h] = Long.remainderUnsigned(XxHash64.hash(key, 1), m - 1) + 1;
    }
    char[] t = new char[m];
    boolean[] filled = new boolean[m];
    int placed = 0;
    for (long round = 1; placed < m; round++) {
      for (int h = 0; h < hosts.length && placed < m; h++) {
        // A host of the maximum weight takes every round, one of a third of it every third.
        if (round * weights[h] < targetWeight[h]) {
          continue;
        }
        targetWeight[h] += maxWeight;
        int slot = (int) ((offset[h] + skip[h] * next[h]) % m);
        while (filled[slot]) {
          next[h]++;
          slot = (int) ((offset[h] + skip[h] * next[h]) % m);
        }
        t[slot] = (char) h;
        filled[slot] = true;
        next[h]++;
        placed++;
      }
    }
    this.table = t;
  }

  @Override
  public Host select(PickContext ctx, int attempt) {
    long hash = ctx.hasHash() ? ctx.hash() : random.nextLong();
    if (attempt > 0) {
      // A previous_hosts re-pick: flip many bits so the retry lands far from the first slot.
      hash ^= -attempt;
    }
    return hosts[table[(int) Long.remainderUnsigned(hash, table.length)]];
  }

  /** For tests: the host index in each slot. */
  int slotOwner(int slot) {
    return table[slot];
  }

  int tableSize() {
    return table.length;
  }
}
