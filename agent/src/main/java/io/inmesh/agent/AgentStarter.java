package io.inmesh.agent;

import io.inmesh.agent.config.MeshConfig;
import io.inmesh.agent.config.Settings;
import io.inmesh.agent.runtime.MeshRuntime;
import io.inmesh.agent.tooling.AgentInstaller;
import io.inmesh.agent.tooling.HookSelection;
import io.inmesh.bootstrap.MeshLog;
import io.inmesh.instrumentation.api.InstrumentationModule;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Starts the agent inside the isolated agent class loader: configuration, logging, ByteBuddy, the
 * one startup line, then the mesh runtime on a background agent thread.
 *
 * <p>Hooks are installed synchronously, before {@code main}: a mesh must steer the application's
 * very first DNS lookup and connect, and a hook installed late would let early traffic bypass the
 * mesh. Everything that is not needed for that (the xDS client, the engine) starts in the
 * background in {@link MeshRuntime}; hooks pass traffic through until it is ready.
 */
public final class AgentStarter {
  private AgentStarter() {}

  /** Called reflectively by {@code io.inmesh.bootstrap.AgentLauncher}. */
  public static void start(Instrumentation inst, String args, boolean premain) {
    long startNanos = System.nanoTime();
    Settings settings = Settings.ofSystem();
    MeshConfig config = MeshConfig.load(settings, MeshLog::warn);
    MeshLog.setLevel(config.logLevel());
    if (!config.enabled()) {
      // Only reached when MESH_ENABLED holds a value the premain check let through.
      return;
    }
    UnaryOperator<String> lookup = settings::get;
    List<InstrumentationModule> modules = HookSelection.select(config, MeshLog::warn);

    // ByteBuddy reads this before its first use; shading rewrites the literal to our relocated
    // package, so the application's own ByteBuddy is not affected. Without it, JDK 24+ prints
    // warnings about sun.misc.Unsafe.
    System.setProperty("net.bytebuddy.safe", "true");
    AgentInstaller installer = new AgentInstaller();
    installer.install(inst, modules, lookup);
    installer.selfCheck(modules, lookup);
    for (InstrumentationModule module : modules) {
      module.start(lookup);
    }

    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    MeshLog.info(
        "inmesh "
            + version()
            + " started"
            + (premain ? "" : " (attached)")
            + " in "
            + millis
            + " ms: hooks="
            + HookSelection.names(modules)
            + ", config="
            + config.source()
            + ", classes transformed="
            + installer.transformations());
    MeshRuntime.start(config);
  }

  /**
   * The build's version, from a filtered resource (the agent loader defines no package versions).
   */
  static String version() {
    try (InputStream in = AgentStarter.class.getResourceAsStream("version.txt")) {
      return in == null ? "dev" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "dev";
    }
  }
}
