package io.inmesh.model;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where mesh configuration comes from: an xDS control plane, a local file, or a fixed snapshot in
 * tests. Implementations are thread-safe; {@link #snapshot()} is cheap enough for the request path
 * (a volatile read).
 */
public interface MeshConfigSource extends AutoCloseable {

  /** The latest accepted snapshot; never null ({@link MeshSnapshot#EMPTY} before the first). */
  MeshSnapshot snapshot();

  /**
   * Calls {@code listener} with every new snapshot, on the source's own thread, after it became
   * visible through {@link #snapshot()}. Listeners must be quick and must not throw.
   */
  void addListener(Consumer<MeshSnapshot> listener);

  /**
   * Asks for the listener {@code name} ({@code host:port}) if it is not known yet. Returns at once
   * with a future that completes when the name is settled: the listener and what it references
   * (routes, clusters, endpoints) are in {@link #snapshot()}, or the name is in {@link
   * MeshSnapshot#absentListeners()}. A name still {@link MeshSnapshot.Lookup#UNKNOWN} once the
   * future completed is treated as absent. The future never completes exceptionally; callers bound
   * their wait.
   */
  CompletableFuture<MeshSnapshot> requestListener(String name);

  /** Stops the source; the last snapshot stays readable. */
  @Override
  void close();

  /** A source that always serves one snapshot: for tests and for the "nothing configured" case. */
  static MeshConfigSource fixed(MeshSnapshot snapshot) {
    return new FixedConfigSource(snapshot);
  }
}
