package io.inmesh.engine.upstream;

/**
 * The normalized host weights (summing to 1) that ring hash and Maglev place hosts by. With
 * locality weighting on, Envoy scales each host's share of its locality by the locality's share, so
 * hash-based policies honour locality weights too.
 */
final class HashWeights {
  private HashWeights() {}

  static double[] normalized(Host[] hosts, boolean localityWeighted) {
    double[] w = new double[hosts.length];
    if (!localityWeighted) {
      double sum = 0;
      for (Host h : hosts) {
        sum += h.weight();
      }
      for (int i = 0; i < hosts.length; i++) {
        w[i] = hosts[i].weight() / sum;
      }
      return w;
    }
    java.util.Map<io.inmesh.model.Locality, Double> perLocality = new java.util.HashMap<>();
    java.util.Map<io.inmesh.model.Locality, Integer> localityWeight = new java.util.HashMap<>();
    for (Host h : hosts) {
      perLocality.merge(h.locality(), (double) h.weight(), Double::sum);
      localityWeight.put(h.locality(), h.localityWeight());
    }
    double localitySum = 0;
    for (int lw : localityWeight.values()) {
      localitySum += lw;
    }
    if (localitySum == 0) {
      return normalized(hosts, false);
    }
    double total = 0;
    for (int i = 0; i < hosts.length; i++) {
      Host h = hosts[i];
      w[i] = h.weight() / perLocality.get(h.locality()) * (h.localityWeight() / localitySum);
      total += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= total;
    }
    return w;
  }

  /** The key a host is hashed by: Envoy's address string, {@code ip:port} or {@code [ip6]:port}. */
  static String key(Host h) {
    return h.address().authority();
  }
}
