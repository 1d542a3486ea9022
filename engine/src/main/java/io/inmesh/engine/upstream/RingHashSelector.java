package io.inmesh.engine.upstream;

import java.util.Arrays;

/**
 * RING_HASH, as Envoy builds it: each host gets ring entries in proportion to its normalized
 * weight, scaled so that the lightest host has a whole number of entries and the ring has at least
 * {@code minimum_ring_size} and at most {@code maximum_ring_size} entries; entry i of a host sits
 * at {@code xxHash64("<address>_<i>")}. A request goes to the first entry at or after its hash
 * (unsigned order, wrapping around).
 */
final class RingHashSelector implements HostSelector {
  // Hashes stored with the sign bit flipped, so signed comparison gives unsigned order.
  private final long[] ring;
  private final Host[] owners;
  private final RandomSource random;

  RingHashSelector(
      Host[] hosts,
      long minRingSize,
      long maxRingSize,
      boolean localityWeighted,
      RandomSource random) {
    this.random = random;
    double[] weights = HashWeights.normalized(hosts, localityWeighted);
    double minWeight = 1;
    for (double w : weights) {
      if (w > 0) {
        minWeight = Math.min(minWeight, w);
      }
    }
    double scale = Math.min(Math.ceil(minWeight * minRingSize) / minWeight, (double) maxRingSize);
    int size = (int) Math.min(Integer.MAX_VALUE - 8, (long) Math.ceil(scale));
    long[] hashes = new long[size];
    int[] hostOf = new int[size];
    int n = 0;
    double current = 0;
    double target = 0;
    for (int h = 0; h < hosts.length; h++) {
      String prefix = HashWeights.key(hosts[h]) + "_";
      target += scale * weights[h];
      for (int i = 0; current < target && n < size; i++, current++) {
        hashes[n] = XxHash64.hash(prefix + i, 0) ^ Long.MIN_VALUE;
        hostOf[n] = h;
        n++;
      }
    }
    // Sort entries by hash, keeping the owner alongside.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    final long[] keys = hashes;
    Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
    ring = new long[n];
    owners = new Host[n];
    for (int i = 0; i < n; i++) {
      ring[i] = hashes[order[i]];
      owners[i] = hosts[hostOf[order[i]]];
    }
  }

  int size() {
    return ring.length;
  }

  @Override
  public Host select(PickContext ctx, int attempt) {
    long hash = ctx.hasHash() ? ctx.hash() : random.nextLong();
    int i = Arrays.binarySearch(ring, hash ^ Long.MIN_VALUE);
    if (i < 0) {
      i = -i - 1; // the first entry above the hash
    }
    // On a previous_hosts re-pick Envoy moves on along the ring, as if the host were not there.
    return owners[(int) ((i + (long) attempt) % ring.length)];
  }
}
