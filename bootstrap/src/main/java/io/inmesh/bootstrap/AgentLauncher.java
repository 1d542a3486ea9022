package io.inmesh.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Creates the isolated {@link AgentClassLoader} and starts {@code io.inmesh.agent.AgentStarter} in
 * it. Runs in the bootstrap loader's copy of this package (see {@link MeshAgent}).
 */
public final class AgentLauncher {
  private static final String STARTER = "io.inmesh.agent.AgentStarter";
  private static volatile boolean started;

  private AgentLauncher() {}

  /** Called reflectively by {@link MeshAgent}; never throws. */
  public static synchronized void launch(
      Instrumentation inst, String args, boolean premain, File jar) {
    if (started) {
      // A second -javaagent or an attach after premain: one agent per JVM.
      MeshLog.warn("already running; ignoring a second start of mesh.jar");
      return;
    }
    started = true;
    try {
      AgentClassLoader loader = new AgentClassLoader(new JarFile(jar, false), jar);
      Class<?> starter = loader.loadClass(STARTER);
      starter
          .getMethod("start", Instrumentation.class, String.class, boolean.class)
          .invoke(null, inst, args, premain);
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
      MeshLog.error("agent not started, the application runs without it: " + cause, cause);
    }
  }
}
