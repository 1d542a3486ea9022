package io.inmesh.agent.tooling;

import io.inmesh.bootstrap.MeshLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Counts transformations and lists each at debug level (the {@code MESH_ENABLED=false} test and
 * diagnostics read this), remembers transformed type names for the self-check, and reports failures
 * once per type.
 */
final class TransformationListener extends AgentBuilder.Listener.Adapter {
  private final AtomicLong transformations = new AtomicLong();
  private final Set<String> transformedTypes = ConcurrentHashMap.newKeySet();
  private final Set<String> failedTypes = ConcurrentHashMap.newKeySet();

  @Override
  public void onTransformation(
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      boolean loaded,
      DynamicType dynamicType) {
    transformations.incrementAndGet();
    transformedTypes.add(type.getName());
    if (MeshLog.isDebug()) {
      MeshLog.debug(
          "transformed "
              + type.getName()
              + " in "
              + (loader == null ? "bootstrap" : loader.getClass().getName())
              + (loaded ? " (retransformed)" : ""));
    }
  }

  @Override
  public void onError(
      String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
    if (failedTypes.add(typeName)) {
      MeshLog.warn("could not instrument " + typeName + ", it runs unhooked: " + error, error);
    }
  }

  long count() {
    return transformations.get();
  }

  boolean transformed(String typeName) {
    return transformedTypes.contains(typeName);
  }
}
