package io.inmesh.bootstrap;

/**
 * The HTTP call an app is about to make, as an L7 adapter describes it to {@link HttpBridge}: a
 * view over the client's own request object (nothing copied), read only while the call is planned
 * and while retries are decided, on the adapter's thread.
 */
public interface HttpRequestInfo extends HttpHeaderReader {
  /** {@code http} or {@code https}. */
  String scheme();

  /** The logical host the app addressed (name or IP literal, no brackets, no port). */
  String host();

  /** The port the app addressed (the scheme's default when the URL has none). */
  int port();

  /** The {@code Host} / {@code :authority} the app sends, e.g. {@code svc:8080}. */
  String authority();

  /** The method, upper case. */
  String method();

  /** The path without the query; {@code /} when empty. */
  String path();

  /** The raw query without {@code ?}, or null. */
  String query();

  /**
   * Whether the body (if any) can be sent again (OkHttp {@code !RequestBody.isOneShot()}, Apache
   * {@code HttpEntity.isRepeatable()}): the mesh never retries a body that cannot.
   */
  boolean bodyReplayable();
}
