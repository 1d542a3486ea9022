package io.inmesh.engine;

/** Why an attempt produced no response, as the adapter observed it. */
public enum AttemptFailure {
  /** The TCP (or TLS) connection could not be established. */
  CONNECT_FAILURE,
  /** The connection or stream broke before a complete response head arrived. */
  RESET,
  /** HTTP/2 REFUSED_STREAM: the server did not process the request. */
  REFUSED_STREAM,
  /**
   * The attempt ran out of time ({@link MeshCall#attemptTimeoutNanos()} elapsed). The engine tells
   * per-try timeouts from the route timeout by its clock.
   */
  TIMEOUT
}
