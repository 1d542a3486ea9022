package io.inmesh.engine.upstream;

/** RANDOM: a uniformly random host; like Envoy's random balancer it ignores endpoint weights. */
final class RandomSelector implements HostSelector {
  private final Host[] hosts;
  private final RandomSource random;

  RandomSelector(Host[] hosts, RandomSource random) {
    this.hosts = hosts;
    this.random = random;
  }

  @Override
  public Host select(PickContext ctx, int attempt) {
    return hosts[random.nextInt(hosts.length)];
  }
}
