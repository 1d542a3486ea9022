package io.inmesh.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

/** Statistical checks for distribution tests. */
final class Stats {
  private Stats() {}

  /**
   * Pearson's chi-square statistic against expected probabilities, asserted below the critical
   * value at significance 0.001 for k − 1 degrees of freedom (Wilson–Hilferty approximation).
   */
  static void assertChiSquare(long[] observed, double[] expectedProbability) {
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    double chi = 0;
    int df = -1;
    for (int i = 0; i < observed.length; i++) {
      if (expectedProbability[i] == 0) {
        assertThat(observed[i]).as("observed count of a zero-probability cell %d", i).isZero();
        continue;
      }
      double e = n * expectedProbability[i];
      chi += (observed[i] - e) * (observed[i] - e) / e;
      df++;
    }
    if (df < 1) {
      return;
    }
    assertThat(chi).as("chi-square with %d df", df).isLessThan(critical(df));
  }

  /** Upper 0.1 % point of chi-square(df): Wilson–Hilferty with z = 3.09. */
  static double critical(int df) {
    double z = 3.090232;
    double a = 2.0 / (9.0 * df);
    return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
  }

  /** |observed − n·p| within k binomial standard deviations. */
  static void assertWithinSigma(long observed, long n, double p, double k) {
    double sigma = Math.sqrt(n * p * (1 - p));
    assertThat((double) observed)
        .as("count vs expected %.1f (σ %.1f)", n * p, sigma)
        .isBetween(n * p - k * sigma, n * p + k * sigma);
  }
}
