package io.inmesh.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The {@code Premain-Class} and {@code Agent-Class} of mesh.jar.
 *
 * <p>This class is loaded by the application class loader (the JVM puts an agent jar on the class
 * path), so it must stay tiny and touch no other class of this package before the jar is on the
 * bootstrap search path: otherwise the application loader would define a second copy of the bridge.
 * It checks the kill switch, appends the jar to the bootstrap search and hands over to {@link
 * AgentLauncher} as loaded by the bootstrap loader.
 */
public final class MeshAgent {
  private MeshAgent() {}

  /** Entry point for {@code -javaagent:mesh.jar}. */
  public static void premain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  /** Entry point for attaching at runtime. */
  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  private static void start(String args, Instrumentation inst, boolean premain) {
    try {
      if (disabled()) {
        return;
      }
      File jar =
          new File(MeshAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      Class.forName("io.inmesh.bootstrap.AgentLauncher", true, null)
          .getMethod("launch", Instrumentation.class, String.class, boolean.class, File.class)
          .invoke(null, inst, args, premain, jar);
    } catch (Throwable t) {
      // The application must start whatever happens to the agent.
      System.err.println("[mesh] ERROR agent not started, the application runs without it: " + t);
    }
  }

  /** Only an explicit {@code false} disables; the agent reports other bad values later. */
  private static boolean disabled() {
    String value = System.getProperty("mesh.enabled");
    String source = "-Dmesh.enabled";
    if (value == null) {
      value = System.getenv("MESH_ENABLED");
      source = "MESH_ENABLED";
    }
    if (value == null || !"false".equalsIgnoreCase(value.trim())) {
      return false;
    }
    String log = System.getProperty("mesh.log", System.getenv("MESH_LOG"));
    if (log == null
        || !(log.trim().equalsIgnoreCase("error") || log.trim().equalsIgnoreCase("warn"))) {
      System.err.println(
          "[mesh] INFO disabled by " + source + "=false: nothing is transformed or started");
    }
    return true;
  }
}
