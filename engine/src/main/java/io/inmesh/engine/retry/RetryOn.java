package io.inmesh.engine.retry;

import java.util.Locale;
import java.util.Set;

/** Envoy's {@code retry_on} tokens (HTTP and gRPC sets) as bits. */
public final class RetryOn {
  private RetryOn() {}

  public static final int HTTP_5XX = 1;
  public static final int GATEWAY_ERROR = 1 << 1;
  public static final int RESET = 1 << 2;
  public static final int CONNECT_FAILURE = 1 << 3;
  public static final int RETRIABLE_4XX = 1 << 4;
  public static final int REFUSED_STREAM = 1 << 5;
  public static final int RETRIABLE_STATUS_CODES = 1 << 6;
  public static final int RETRIABLE_HEADERS = 1 << 7;
  public static final int ENVOY_RATELIMITED = 1 << 8;
  public static final int RESET_BEFORE_REQUEST = 1 << 9;
  public static final int GRPC_CANCELLED = 1 << 10;
  public static final int GRPC_DEADLINE_EXCEEDED = 1 << 11;
  public static final int GRPC_INTERNAL = 1 << 12;
  public static final int GRPC_RESOURCE_EXHAUSTED = 1 << 13;
  public static final int GRPC_UNAVAILABLE = 1 << 14;

  /**
   * The bits of a token set. Unknown tokens and ones that cannot apply in-process ({@code
   * http3-post-connect-failure}) are ignored, as Envoy ignores what it cannot act on.
   */
  public static int parse(Set<String> tokens) {
    int bits = 0;
    for (String raw : tokens) {
      String t = raw.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      bits |=
          switch (t) {
            case "5xx" -> HTTP_5XX;
            case "gateway-error" -> GATEWAY_ERROR;
            case "reset" -> RESET;
            case "reset-before-request" -> RESET_BEFORE_REQUEST;
            case "connect-failure" -> CONNECT_FAILURE;
            case "retriable-4xx" -> RETRIABLE_4XX;
            case "refused-stream" -> REFUSED_STREAM;
            case "retriable-status-codes" -> RETRIABLE_STATUS_CODES;
            case "retriable-headers" -> RETRIABLE_HEADERS;
            case "envoy-ratelimited" -> ENVOY_RATELIMITED;
            case "cancelled" -> GRPC_CANCELLED;
            case "deadline-exceeded" -> GRPC_DEADLINE_EXCEEDED;
            case "internal" -> GRPC_INTERNAL;
            case "resource-exhausted" -> GRPC_RESOURCE_EXHAUSTED;
            case "unavailable" -> GRPC_UNAVAILABLE;
            default -> 0;
          };
    }
    return bits;
  }

  /** The bit of a gRPC status code that a {@code retry_on} token names, or 0. */
  static int grpcBit(int grpcStatus) {
    return switch (grpcStatus) {
      case 1 -> GRPC_CANCELLED;
      case 4 -> GRPC_DEADLINE_EXCEEDED;
      case 8 -> GRPC_RESOURCE_EXHAUSTED;
      case 13 -> GRPC_INTERNAL;
      case 14 -> GRPC_UNAVAILABLE;
      default -> 0;
    };
  }
}
