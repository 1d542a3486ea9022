package io.inmesh.engine;

import io.inmesh.model.MeshConfigSource;
import io.inmesh.model.MeshSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A config source tests publish snapshots to; records the names asked for. */
final class SwappableSource implements MeshConfigSource {
  private volatile MeshSnapshot snapshot;
  private final List<Consumer<MeshSnapshot>> listeners = new CopyOnWriteArrayList<>();
  final Map<String, CompletableFuture<MeshSnapshot>> requested = new ConcurrentHashMap<>();

  SwappableSource(MeshSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  void publish(MeshSnapshot next) {
    snapshot = next;
    listeners.forEach(l -> l.accept(next));
    requested.forEach(
        (name, f) -> {
          if (next.lookup(name) != MeshSnapshot.Lookup.UNKNOWN) {
            f.complete(next);
          }
        });
  }

  @Override
  public MeshSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public void addListener(Consumer<MeshSnapshot> listener) {
    listeners.add(listener);
  }

  @Override
  public CompletableFuture<MeshSnapshot> requestListener(String name) {
    return requested.computeIfAbsent(name, k -> new CompletableFuture<>());
  }

  @Override
  public void close() {}
}
