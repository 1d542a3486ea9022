package io.inmesh.xds.ads;

import io.inmesh.model.MeshSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The published snapshot: one volatile field the request path reads, and the listeners told after
 * each swap. A listener that throws is logged and does not stop the others.
 */
public final class SnapshotHolder {
  private final List<Consumer<MeshSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<String> log;
  private volatile MeshSnapshot current = MeshSnapshot.EMPTY;

  public SnapshotHolder(Consumer<String> log) {
    this.log = log;
  }

  public MeshSnapshot current() {
    return current;
  }

  public void addListener(Consumer<MeshSnapshot> listener) {
    listeners.add(listener);
  }

  void publish(MeshSnapshot snapshot) {
    current = snapshot;
    for (Consumer<MeshSnapshot> listener : listeners) {
      try {
        listener.accept(snapshot);
      } catch (RuntimeException e) {
        log.accept("xDS: snapshot listener failed: " + e);
      }
    }
  }
}
