package io.inmesh.engine;

/**
 * A call the app is about to make, as an adapter describes it to {@link MeshEngine}. Adapters
 * implement it over their client's request object (nothing is copied), or use {@link
 * SimpleRequest}.
 *
 * <p>The engine reads it only while planning and deciding retries, on the caller's thread.
 */
public interface OutboundRequest {
  /** {@code http} or {@code https}. */
  String scheme();

  /** The logical host the app addressed (a name or an IP literal, no brackets, no port). */
  String host();

  /** The port the app addressed (the scheme's default when the URL has none). */
  int port();

  /**
   * The {@code Host} / {@code :authority} the app sends, e.g. {@code svc} or {@code svc:8080}: what
   * virtual hosts are matched against.
   */
  String authority();

  /** The method, upper case, e.g. {@code GET}. */
  String method();

  /** The path without the query, e.g. {@code /a/b}; {@code /} when empty. */
  String path();

  /** The raw query without {@code ?}, or null. */
  String query();

  /** The request headers. */
  HeaderView headers();

  /** Whether the body (if any) can be sent again; a non-replayable body is never retried. */
  boolean bodyReplayable();
}
