package io.inmesh.agent;

import io.inmesh.agent.config.MeshConfig;
import io.inmesh.agent.config.Settings;
import io.inmesh.agent.runtime.MeshRuntime;
import io.inmesh.agent.tooling.AgentInstaller;
import io.inmesh.agent.tooling.HookSelection;
import io.inmesh.bootstrap.AgentThreads;
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
 * <p>By default hooks are installed synchronously, before {@code main}: a mesh must see the
 * application's very first DNS lookup and connect, and a hook installed late lets early traffic
 * bypass the mesh. That costs ~0.3-0.5 s of ByteBuddy start-up on the main thread. {@code
 * MESH_STARTUP=async} moves it to an agent thread (the semantics of a runtime attach, which is
 * tested): for apps whose first calls need no steering. Everything not needed for hooking (the xDS
 * client, the engine) always starts in the background in {@link MeshRuntime}; hooks pass traffic
 * through until it is ready.
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
    if (config.asyncStartup()) {
      AgentThreads.newThread(() -> install(inst, settings, config, premain, startNanos), "init")
          .start();
    } else {
      install(inst, settings, config, premain, startNanos);
    }
  }

  private static void install(
      Instrumentation inst, Settings settings, MeshConfig config, boolean premain, long start) {
    try {
      UnaryOperator<String> lookup = settings::get;
      List<InstrumentationModule> modules = HookSelection.select(config, MeshLog::warn);

      // ByteBuddy reads this before its first use; shading rewrites the literal to our relocated
      // package, so the application's own ByteBuddy is not affected. Without it, JDK 24+ prints
      // warnings about sun.misc.Unsafe.
      System.setProperty("net.bytebuddy.safe", "true");
      AgentInstaller installer = new AgentInstaller();
      installer.install(inst, modules, lookup);
      installer.selfCheck(modules, lookup);

      MeshLog.info(
          "inmesh "
              + version()
              + " started"
              + (premain ? "" : " (attached)")
              + (config.asyncStartup() ? " (async)" : "")
              + " in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms: hooks="
              + HookSelection.names(modules)
              + ", config="
              + config.source()
              + ", classes transformed="
              + installer.transformations());
      // After the startup line: a test that waits for a bridge to be installed then sees the line.
      for (InstrumentationModule module : modules) {
        module.start(lookup);
      }
      MeshRuntime.start(config);
    } catch (Throwable t) {
      // Hooks may be partly installed; each still fails safe through HookErrors.
      MeshLog.error("agent start failed, the application runs without the mesh: " + t, t);
    }
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
