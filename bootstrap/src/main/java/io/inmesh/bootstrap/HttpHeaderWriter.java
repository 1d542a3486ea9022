package io.inmesh.bootstrap;

/**
 * Where an L7 adapter receives a route's request header changes, applied in order onto the request
 * it is about to send (its own copy, never the app's object).
 */
public interface HttpHeaderWriter {
  /** Replace every value of {@code name} with {@code value} (or add it). */
  void set(String name, String value);

  /** Add one more value of {@code name}, keeping the existing ones. */
  void append(String name, String value);

  /** Remove every value of {@code name}. */
  void remove(String name);
}
