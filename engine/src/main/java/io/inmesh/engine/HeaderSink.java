package io.inmesh.engine;

/**
 * Where an adapter receives the header mutations of a {@link MeshCall}, applied in order onto the
 * request it is about to send.
 */
public interface HeaderSink {
  /** Replace every value of {@code name} with {@code value} (or add it). */
  void set(String name, String value);

  /** Add one more value of {@code name}, keeping the existing ones. */
  void append(String name, String value);

  /** Remove every value of {@code name}. */
  void remove(String name);
}
