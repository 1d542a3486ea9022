package io.inmesh.engine.upstream;

/**
 * {@code locality_weighted_lb_config}: first a locality, drawn in proportion to its effective
 * weight (its {@code load_balancing_weight} times its availability, as Envoy computes it), then a
 * host within it by the cluster's policy.
 */
final class LocalityWeightedSelector implements HostSelector {
  private final HostSelector[] perLocality;
  private final WeightedSampler localities;
  private final RandomSource random;

  LocalityWeightedSelector(
      HostSelector[] perLocality, double[] effectiveWeights, RandomSource random) {
    this.perLocality = perLocality;
    this.localities = new WeightedSampler(effectiveWeights);
    this.random = random;
  }

  boolean usable() {
    return localities.total() > 0;
  }

  @Override
  public Host select(PickContext ctx, int attempt) {
    return perLocality[localities.sample(random)].select(ctx, attempt);
  }
}
