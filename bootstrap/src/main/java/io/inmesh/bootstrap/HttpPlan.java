package io.inmesh.bootstrap;

/**
 * The mesh's plan for one HTTP call, implemented by the agent over its engine and driven by the L7
 * adapter that owns the I/O; used by one thread at a time. The adapter loop:
 *
 * <pre>{@code
 * HttpPlan plan = HttpBridge.start(info);         // null: not a mesh call, send it as the app asked
 * sleep(plan.delayNanos());                         // fault delay, 0 almost always
 * if (plan.hasLocalReply()) return localResponse(plan);
 * for (;;) {
 *   if (!plan.beginAttempt()) return localResponse(plan);   // e.g. 504 after a back-off
 *   // send to endpointHost():endpointPort() with authority(), pathAndQuery(), applyHeaders(w),
 *   // keeping TLS (SNI, hostname verification) on the logical host, within attemptTimeoutNanos()
 *   long next = gotResponse ? plan.onResponse(status, headers) : plan.onFailure(FAILURE_...);
 *   if (next == DELIVER) return response;
 *   if (next == LOCAL_REPLY) return localResponse(plan);
 *   discard(response); sleep(next);                          // then retry
 * }
 * }</pre>
 *
 * If the app gives up on the call (its own timeout, a cancel), call {@link #cancel()}: every path
 * releases circuit-breaker counts and records metrics exactly once.
 */
public interface HttpPlan {
  /** {@link #onResponse}/{@link #onFailure}: hand the upstream's response to the app. */
  long DELIVER = -1;

  /** {@link #onResponse}/{@link #onFailure}: answer the local reply instead. */
  long LOCAL_REPLY = -2;

  /** The connection (TCP or TLS) could not be established. */
  int FAILURE_CONNECT = 0;

  /** The connection broke before a complete response head arrived. */
  int FAILURE_RESET = 1;

  /** HTTP/2 REFUSED_STREAM. */
  int FAILURE_REFUSED_STREAM = 2;

  /** {@link #attemptTimeoutNanos()} elapsed without a response head. */
  int FAILURE_TIMEOUT = 3;

  /** A fault delay to wait before anything else, 0 for none. */
  long delayNanos();

  /** Whether the call is to be answered by {@link #localStatus()} and friends now. */
  boolean hasLocalReply();

  /** The local reply's HTTP status (503, 504, a fault's status, a direct response...). */
  int localStatus();

  /** The local reply's gRPC status for gRPC calls, else -1. */
  int localGrpcStatus();

  /** The local reply's headers as name, value pairs in order (never null). */
  String[] localHeaders();

  /** The local reply's body text, or null. */
  String localBody();

  /** Starts the next attempt; false means answer the local reply instead. */
  boolean beginAttempt();

  /** The endpoint of the current attempt: an IP literal (or a DNS name for DNS clusters). */
  String endpointHost();

  /** The endpoint's port. */
  int endpointPort();

  /** The {@code Host} / {@code :authority} to send: the app's, unless the route rewrites it. */
  String authority();

  /** The path to send (rewritten or the app's) with the app's query. */
  String pathAndQuery();

  /** Whether {@link #pathAndQuery()} differs from what the app asked for. */
  boolean pathRewritten();

  /** Whether the route adds or removes request headers. */
  boolean hasHeaderMutations();

  /** Replays the route's request header changes onto {@code writer}. */
  void applyHeaders(HttpHeaderWriter writer);

  /**
   * What the current attempt may take (per-try timeout within the route's), Long.MAX_VALUE: no
   * bound.
   */
  long attemptTimeoutNanos();

  /**
   * Reports the current attempt's response head; {@link #DELIVER}, {@link #LOCAL_REPLY} or a
   * back-off.
   */
  long onResponse(int status, HttpHeaderReader headers);

  /**
   * Reports that the current attempt got no response ({@code FAILURE_*}); {@link #LOCAL_REPLY} or a
   * back-off.
   */
  long onFailure(int failure);

  /** The app gave up on the call. Idempotent. */
  void cancel();
}
