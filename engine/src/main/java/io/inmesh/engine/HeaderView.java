package io.inmesh.engine;

/**
 * A read-only view of request or response headers that an adapter implements over its own header
 * object, so the engine reads headers without copying them.
 *
 * <p>Names are asked for in lower case. When a header has several values, return them joined with
 * {@code ","} (what Envoy matches against) or the first value; return null when absent.
 */
@FunctionalInterface
public interface HeaderView {
  /** A view with no headers. */
  HeaderView EMPTY = name -> null;

  /** The header's value, or null when absent. */
  String get(String lowerCaseName);
}
