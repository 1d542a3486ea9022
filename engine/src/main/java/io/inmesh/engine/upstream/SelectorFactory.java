package io.inmesh.engine.upstream;

import io.inmesh.model.Cluster;
import io.inmesh.model.LbPolicy;
import io.inmesh.model.Locality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link HostSelector} for a cluster's policy over one host list. */
final class SelectorFactory {
  private final Cluster config;
  private final int overprovisioningFactor;
  private final RandomSource random;

  SelectorFactory(Cluster config, int overprovisioningFactor, RandomSource random) {
    this.config = config;
    this.overprovisioningFactor = overprovisioningFactor;
    this.random = random;
    validate(config);
  }

  /** Rejects parameters Envoy rejects, with the reason, before any request depends on them. */
  static void validate(Cluster config) {
    Cluster.LbConfig lb = config.lbConfig();
    String name = config.name();
    switch (config.lbPolicy()) {
      case LEAST_REQUEST -> {
        if (lb.choiceCount() < 2) {
          throw new IllegalArgumentException(
              "cluster " + name + ": choice_count must be at least 2: " + lb.choiceCount());
        }
        if (lb.activeRequestBias() < 0 || Double.isNaN(lb.activeRequestBias())) {
          throw new IllegalArgumentException(
              "cluster " + name + ": active_request_bias must be >= 0: " + lb.activeRequestBias());
        }
      }
      case RING_HASH -> {
        if (lb.minRingSize() < 1 || lb.maxRingSize() < lb.minRingSize()) {
          throw new IllegalArgumentException(
              "cluster "
                  + name
                  + ": ring sizes need 1 <= minimum_ring_size <= maximum_ring_size, got "
                  + lb.minRingSize()
                  + " and "
                  + lb.maxRingSize());
        }
        if (lb.maxRingSize() > 8L * 1024 * 1024) {
          throw new IllegalArgumentException(
              "cluster " + name + ": maximum_ring_size above 8M: " + lb.maxRingSize());
        }
      }
      case MAGLEV -> {
        long m = lb.maglevTableSize();
        if (m < 2 || m > 5_000_011L || !java.math.BigInteger.valueOf(m).isProbablePrime(30)) {
          throw new IllegalArgumentException(
              "cluster " + name + ": MAGLEV table_size must be a prime up to 5000011: " + m);
        }
      }
      default -> {}
    }
  }

  boolean hashBased() {
    return config.lbPolicy() == LbPolicy.RING_HASH || config.lbPolicy() == LbPolicy.MAGLEV;
  }

  /**
   * The selector for {@code eligible}, the hosts of one source (healthy, degraded or all) of one
   * priority; {@code allOfPriority} gives the locality availability for locality weighting.
   */
  HostSelector create(Host[] eligible, Host[] allOfPriority, boolean localityAware) {
    if (localityAware && config.lbConfig().localityWeighted() && !hashBased()) {
      LocalityWeightedSelector byLocality = byLocality(eligible, allOfPriority);
      if (byLocality != null) {
        return byLocality;
      }
    }
    return plain(eligible);
  }

  private HostSelector plain(Host[] hosts) {
    Cluster.LbConfig lb = config.lbConfig();
    boolean lw = lb.localityWeighted();
    return switch (config.lbPolicy()) {
      case ROUND_ROBIN -> new RoundRobinSelector(hosts, random);
      case LEAST_REQUEST ->
          new LeastRequestSelector(hosts, lb.choiceCount(), lb.activeRequestBias(), random);
      case RANDOM, CLUSTER_PROVIDED -> new RandomSelector(hosts, random);
      case RING_HASH -> new RingHashSelector(hosts, lb.minRingSize(), lb.maxRingSize(), lw, random);
      case MAGLEV -> new MaglevSelector(hosts, lb.maglevTableSize(), lw, random);
    };
  }

  private LocalityWeightedSelector byLocality(Host[] eligible, Host[] all) {
    Map<Locality, List<Host>> eligibleBy = new LinkedHashMap<>();
    Map<Locality, int[]> totalBy = new LinkedHashMap<>();
    Map<Locality, Integer> weightBy = new LinkedHashMap<>();
    for (Host h : all) {
      totalBy.computeIfAbsent(h.locality(), l -> new int[1])[0]++;
      weightBy.put(h.locality(), h.localityWeight());
    }
    for (Host h : eligible) {
      eligibleBy.computeIfAbsent(h.locality(), l -> new ArrayList<>()).add(h);
    }
    int n = eligibleBy.size();
    HostSelector[] selectors = new HostSelector[n];
    double[] weights = new double[n];
    int i = 0;
    for (Map.Entry<Locality, List<Host>> e : eligibleBy.entrySet()) {
      List<Host> hosts = e.getValue();
      double availability = (double) hosts.size() / totalBy.get(e.getKey())[0];
      weights[i] =
          weightBy.get(e.getKey()) * Math.min(1.0, overprovisioningFactor / 100.0 * availability);
      selectors[i] = plain(hosts.toArray(new Host[0]));
      i++;
    }
    LocalityWeightedSelector s = new LocalityWeightedSelector(selectors, weights, random);
    // No locality has a weight: Envoy falls back to the whole host set.
    return s.usable() ? s : null;
  }
}
