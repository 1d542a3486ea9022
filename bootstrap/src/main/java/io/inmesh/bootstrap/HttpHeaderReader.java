package io.inmesh.bootstrap;

/**
 * Read access to request or response headers that an L7 adapter implements over its client's own
 * header object, so the mesh reads headers without copying them. JDK types only.
 */
public interface HttpHeaderReader {
  /**
   * The value of {@code lowerCaseName}, several values joined with {@code ","} (what Envoy matches
   * against) or the first one; null when absent.
   */
  String header(String lowerCaseName);
}
