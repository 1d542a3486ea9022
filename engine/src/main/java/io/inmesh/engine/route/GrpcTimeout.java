package io.inmesh.engine.route;

/** Parses gRPC's {@code grpc-timeout} header: up to 8 digits and a unit (H M S m u n). */
public final class GrpcTimeout {
  private GrpcTimeout() {}

  /** The timeout in nanoseconds, or -1 when absent or malformed. */
  public static long parseNanos(String value) {
    if (value == null || value.length() < 2 || value.length() > 9) {
      return -1;
    }
    long amount = 0;
    int last = value.length() - 1;
    for (int i = 0; i < last; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      amount = amount * 10 + (c - '0');
    }
    long unit =
        switch (value.charAt(last)) {
          case 'H' -> 3_600_000_000_000L;
          case 'M' -> 60_000_000_000L;
          case 'S' -> 1_000_000_000L;
          case 'm' -> 1_000_000L;
          case 'u' -> 1_000L;
          case 'n' -> 1L;
          default -> -1;
        };
    if (unit < 0) {
      return -1;
    }
    return amount > Long.MAX_VALUE / unit ? Long.MAX_VALUE : amount * unit;
  }
}
