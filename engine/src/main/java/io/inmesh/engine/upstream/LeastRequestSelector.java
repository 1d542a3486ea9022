package io.inmesh.engine.upstream;

/**
 * LEAST_REQUEST: Envoy's "power of N choices": sample {@code choice_count} hosts and take the one
 * with the fewest active requests (the first sampled wins ties).
 *
 * <p>With unequal weights Envoy runs an EDF scheduler whose weights are recomputed on every pick as
 * {@code weight / (active + 1)^bias}, which needs a locked heap. Here the candidates are instead
 * sampled in proportion to weight and the least loaded wins: with idle hosts the split follows the
 * weights exactly, and load moves away from busy hosts as in Envoy, while a pick stays lock-free at
 * O(choice_count · log n). With {@code active_request_bias} 0 Envoy ignores load, and so does this
 * (a plain weighted random pick).
 */
final class LeastRequestSelector implements HostSelector {
  private final Host[] hosts;
  private final int choices;
  private final RandomSource random;
  private final WeightedSampler weighted; // null when weights are equal
  private final boolean ignoreLoad;

  LeastRequestSelector(Host[] hosts, int choiceCount, double bias, RandomSource random) {
    this.hosts = hosts;
    this.choices = Math.max(1, choiceCount);
    this.random = random;
    boolean equal = true;
    double[] w = new double[hosts.length];
    for (int i = 0; i < hosts.length; i++) {
      w[i] = hosts[i].weight();
      equal &= hosts[i].weight() == hosts[0].weight();
    }
    this.weighted = equal ? null : new WeightedSampler(w);
    this.ignoreLoad = !equal && bias == 0.0;
  }

  @Override
  public Host select(PickContext ctx, int attempt) {
    Host best = sample();
    if (ignoreLoad) {
      return best;
    }
    int bestActive = best.activeRequests();
    for (int c = 1; c < choices; c++) {
      Host candidate = sample();
      int active = candidate.activeRequests();
      if (active < bestActive) {
        best = candidate;
        bestActive = active;
      }
    }
    return best;
  }

  private Host sample() {
    return weighted == null ? hosts[random.nextInt(hosts.length)] : hosts[weighted.sample(random)];
  }
}
