package io.inmesh.engine.upstream;

/**
 * Draws an index with probability proportional to its weight, by binary search over cumulative
 * weights: O(log n), no allocation.
 */
final class WeightedSampler {
  private final double[] cumulative;
  private final double total;

  WeightedSampler(double[] weights) {
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] < 0 || Double.isNaN(weights[i])) {
        throw new IllegalArgumentException("weight must be non-negative: " + weights[i]);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    total = sum;
  }

  double total() {
    return total;
  }

  /** An index in {@code [0, n)}; only indexes with positive weight are drawn. */
  int sample(RandomSource random) {
    double x = random.nextDouble() * total;
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
