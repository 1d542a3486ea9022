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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
      // Every hook before main, library hooks included: installing one later would let a client
      // built in the gap (an OkHttpClient in a static field of the main class) miss its L7
      // interceptor for the client's whole life, not only for its first call; and registering a
      // transformer for a class not loaded yet costs almost nothing. What does cost before main is
      // loading and transforming classes the application has not used yet, and that part of the
      // self-check runs on an agent thread.
      installer.install(inst, modules, lookup);
      Map<InstrumentationModule, List<String>> unchecked =
          installer.selfCheckTransformed(modules, lookup);

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
      Set<InstrumentationModule> missed = missedHooks(inst, unchecked);
      for (InstrumentationModule module : modules) {
        if (missed.contains(module)) {
          // Its bridge stays empty, so nothing relies on a hook that is not there: the DNS hook
          // hands out virtual addresses only while the connect hook can steer them.
          MeshLog.warn(
              "hook "
                  + module.name()
                  + " not started: "
                  + unchecked.get(module)
                  + " loaded but not instrumented; its traffic passes through untouched");
          continue;
        }
        module.start(lookup);
      }
      MeshRuntime.start(config);
      if (!unchecked.isEmpty()) {
        AgentThreads.newThread(() -> selfCheckLater(installer, unchecked), "self-check").start();
      }
    } catch (Throwable t) {
      // Hooks may be partly installed; each still fails safe through HookErrors.
      MeshLog.error("agent start failed, the application runs without the mesh: " + t, t);
    }
  }

  /**
   * Modules with an expected type that is loaded yet was not transformed: a certain miss, unlike a
   * type not loaded yet, which is transformed when it loads (and checked later on an agent thread).
   */
  private static Set<InstrumentationModule> missedHooks(
      Instrumentation inst, Map<InstrumentationModule, List<String>> unchecked) {
    Set<InstrumentationModule> missed = new HashSet<>();
    if (unchecked.isEmpty()) {
      return missed;
    }
    Set<String> loaded = new HashSet<>();
    for (Class<?> type : inst.getAllLoadedClasses()) {
      loaded.add(type.getName());
    }
    unchecked.forEach(
        (module, types) -> {
          if (types.stream().anyMatch(loaded::contains)) {
            missed.add(module);
          }
        });
    return missed;
  }

  /** Loads and checks the expected JDK classes the application had not used by premain. */
  private static void selfCheckLater(
      AgentInstaller installer, Map<InstrumentationModule, List<String>> unchecked) {
    try {
      installer.selfCheckDeferred(unchecked);
    } catch (Throwable t) {
      MeshLog.error("self-check failed: " + t, t);
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
