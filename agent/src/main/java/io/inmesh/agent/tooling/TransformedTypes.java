package io.inmesh.agent.tooling;

import io.inmesh.bootstrap.MeshLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the hooks transformed so far, by binary class name: counted for the startup line and the
 * {@code MESH_ENABLED=false} test, listed at debug level, remembered for the self-check.
 */
final class TransformedTypes implements Consumer<String> {
  private final AtomicLong count = new AtomicLong();
  private final Set<String> names = ConcurrentHashMap.newKeySet();
  private final Set<String> advised = ConcurrentHashMap.newKeySet();

  /** A premain hook wove {@code typeName} (a bootstrap class). */
  @Override
  public void accept(String typeName) {
    record(typeName, "bootstrap", false);
  }

  /** ByteBuddy's advice went into {@code typeName}. */
  void addAdvised(String typeName, String loader, boolean retransformed) {
    advised.add(typeName);
    record(typeName, loader, retransformed);
  }

  private void record(String typeName, String loader, boolean retransformed) {
    count.incrementAndGet();
    names.add(typeName);
    if (MeshLog.isDebug()) {
      MeshLog.debug(
          "transformed " + typeName + " in " + loader + (retransformed ? " (retransformed)" : ""));
    }
  }

  long count() {
    return count.get();
  }

  /** Whether any hook transformed {@code typeName}. */
  boolean contains(String typeName) {
    return names.contains(typeName);
  }

  /** Whether ByteBuddy's advice went into {@code typeName}. */
  boolean advised(String typeName) {
    return advised.contains(typeName);
  }
}
