package io.inmesh.model;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** {@link MeshConfigSource#fixed}: a name it does not hold is simply absent. */
final class FixedConfigSource implements MeshConfigSource {
  private final MeshSnapshot snapshot;
  private final CompletableFuture<MeshSnapshot> settled;

  FixedConfigSource(MeshSnapshot snapshot) {
    this.snapshot = snapshot;
    this.settled = CompletableFuture.completedFuture(snapshot);
  }

  @Override
  public MeshSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public void addListener(Consumer<MeshSnapshot> listener) {
    // The snapshot never changes: there is nothing to tell.
  }

  @Override
  public CompletableFuture<MeshSnapshot> requestListener(String name) {
    return settled;
  }

  @Override
  public void close() {}
}
