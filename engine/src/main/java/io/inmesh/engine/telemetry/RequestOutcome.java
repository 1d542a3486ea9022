package io.inmesh.engine.telemetry;

/** How a downstream request ended, as a small closed set so attributes can be bound up front. */
public enum RequestOutcome {
  /** The upstream answered 1xx, 2xx or 3xx. */
  SUCCESS,
  /** The upstream answered 4xx. */
  CLIENT_ERROR,
  /** The upstream answered 5xx. */
  SERVER_ERROR,
  /** The route or per-try timeout fired (the mesh answered 504). */
  TIMEOUT,
  /** Connect failure or reset before a response. */
  UPSTREAM_FAILURE,
  /**
   * The mesh answered itself without an upstream response: no route, no healthy upstream,
   * circuit-breaker overflow, fault abort, rate limited, direct response.
   */
  LOCAL_REPLY;

  /** The outcome for an HTTP status received from the upstream. */
  public static RequestOutcome ofStatus(int status) {
    if (status >= 500) {
      return SERVER_ERROR;
    }
    return status >= 400 ? CLIENT_ERROR : SUCCESS;
  }

  /** The label value used in exported metrics. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
