package io.inmesh.agent.tooling;

import io.inmesh.bootstrap.MeshLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Records ByteBuddy's transformations and reports each failed type once. */
final class TransformationListener extends AgentBuilder.Listener.Adapter {
  private final TransformedTypes transformed;
  private final Set<String> failedTypes = ConcurrentHashMap.newKeySet();

  TransformationListener(TransformedTypes transformed) {
    this.transformed = transformed;
  }

  @Override
  public void onTransformation(
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      boolean loaded,
      DynamicType dynamicType) {
    transformed.addAdvised(
        type.getName(), loader == null ? "bootstrap" : loader.getClass().getName(), loaded);
  }

  @Override
  public void onError(
      String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
    if (failedTypes.add(typeName)) {
      MeshLog.warn("could not instrument " + typeName + ", it runs unhooked: " + error, error);
    }
  }
}
