package io.inmesh.agent.tooling;

import io.inmesh.bootstrap.MeshLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Defines a module's helper classes in the class loader of a type it transforms, before that type
 * is defined, because the helpers are typed with the library's classes and so cannot live in the
 * agent loader. Uses {@code ClassLoader.defineClass}, reachable because {@link ModuleOpener} opened
 * java.lang to the agent. Helpers must use only JDK, library and bridge types.
 */
final class HelperInjector implements AgentBuilder.Transformer {
  private final String hook;
  private final List<String> helperNames;
  private final ClassLoader agentLoader;
  private final Set<ClassLoader> done = Collections.newSetFromMap(new WeakHashMap<>());

  HelperInjector(String hook, List<String> helperNames, ClassLoader agentLoader) {
    this.hook = hook;
    this.helperNames = helperNames;
    this.agentLoader = agentLoader;
  }

  @Override
  public DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader loader,
      JavaModule module,
      ProtectionDomain domain) {
    if (loader == null) {
      MeshLog.warn("hook " + hook + ": helper classes cannot go to the bootstrap loader");
      return builder;
    }
    synchronized (done) {
      if (done.add(loader)) {
        inject(loader, domain);
      }
    }
    return builder;
  }

  private void inject(ClassLoader loader, ProtectionDomain domain) {
    try {
      Method define =
          ClassLoader.class.getDeclaredMethod(
              "defineClass",
              String.class,
              byte[].class,
              int.class,
              int.class,
              ProtectionDomain.class);
      define.setAccessible(true);
      for (String name : helperNames) {
        if (isLoaded(name, loader)) {
          continue;
        }
        byte[] bytes = read(name);
        define.invoke(loader, name, bytes, 0, bytes.length, domain);
      }
    } catch (ReflectiveOperationException | IOException | RuntimeException e) {
      MeshLog.warn(
          "hook " + hook + ": could not inject helper classes into " + loader + ": " + e, e);
    }
  }

  private static boolean isLoaded(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private byte[] read(String name) throws IOException {
    try (InputStream in = agentLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new IOException("no helper class " + name);
      }
      return in.readAllBytes();
    }
  }
}
