package io.inmesh.engine.upstream;

/**
 * The outcome of one upstream attempt, as Envoy's outlier detector classifies it. An enum keeps
 * reporting allocation-free; use {@link #ofHttpStatus(int)} for a received response.
 *
 * <p>With {@code split_external_local_origin_errors} off (the default), Envoy folds local-origin
 * errors into the HTTP codes: a connect failure or reset counts as a 503 and a timeout as a 504, so
 * both are 5xx and gateway failures. With it on they count only as local-origin failures, and any
 * received response counts as a local-origin success.
 */
public enum AttemptResult {
  /** A response that is not 5xx (4xx responses are successes for outlier detection). */
  SUCCESS,
  /** A 5xx response other than 502, 503, 504 (500, 501, 505, ...). */
  HTTP_5XX,
  /** A 502, 503 or 504 response. */
  GATEWAY_FAILURE,
  /** Connect failure, connect timeout, or a reset before the response (Envoy: connect failed). */
  LOCAL_ORIGIN_FAILURE,
  /** The per-try or route timeout fired before a response (Envoy: local-origin timeout). */
  TIMEOUT;

  /** The result for an HTTP status received from the upstream. */
  public static AttemptResult ofHttpStatus(int status) {
    if (status < 500 || status > 599) {
      return SUCCESS;
    }
    return status >= 502 && status <= 504 ? GATEWAY_FAILURE : HTTP_5XX;
  }

  /** Whether the upstream sent a response (and so the connection worked). */
  public boolean isResponse() {
    return this == SUCCESS || this == HTTP_5XX || this == GATEWAY_FAILURE;
  }
}
