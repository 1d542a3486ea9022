package io.inmesh.model;

/**
 * Envoy's {@code FractionalPercent}: {@code numerator / denominator}, where the denominator is 100,
 * 10 000 or 1 000 000. A numerator above the denominator means 100 %.
 */
public record FractionalPercent(long numerator, long denominator) {
  public static final FractionalPercent ALWAYS = new FractionalPercent(100, 100);
  public static final FractionalPercent NEVER = new FractionalPercent(0, 100);

  public FractionalPercent {
    if (denominator != 100 && denominator != 10_000 && denominator != 1_000_000) {
      throw new IllegalArgumentException(
          "denominator must be 100, 10000 or 1000000: " + denominator);
    }
    if (numerator < 0) {
      throw new IllegalArgumentException("numerator must not be negative: " + numerator);
    }
  }

  public static FractionalPercent ofPercent(double percent) {
    return new FractionalPercent(Math.round(percent * 10_000), 1_000_000);
  }

  /** The share in parts per million, capped at 1 000 000. */
  public long perMillion() {
    return Math.min(1_000_000, numerator * (1_000_000 / denominator));
  }
}
