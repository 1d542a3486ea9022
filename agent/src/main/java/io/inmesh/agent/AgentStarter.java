package io.inmesh.agent;

import io.inmesh.agent.config.MeshConfig;
import io.inmesh.agent.config.Settings;
import io.inmesh.agent.runtime.MeshRuntime;
import io.inmesh.agent.tooling.AgentInstaller;
import io.inmesh.agent.tooling.HookSelection;
import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.DnsBridge;
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
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Starts the agent inside the isolated agent class loader: configuration, logging, the hooks, the
 * one startup line, then the mesh runtime.
 *
 * <p>A mesh must see the application's very first DNS lookup and connect, yet ByteBuddy takes ~0.4
 * s to start. So before {@code main} only the {@link AgentInstaller#prepare cheap part} runs: the
 * DNS hook is woven by hand and a gate holds the first load of every other hooked class. ByteBuddy
 * then starts on an agent thread ({@code MESH_STARTUP=async}, the default) or, with {@code sync},
 * still before {@code main}. Either way no class is defined unhooked, and only an application that
 * loads a hooked class in its first few hundred milliseconds waits for the rest. The xDS client and
 * the engine always start in the background ({@link MeshRuntime}); hooks pass traffic through until
 * the mesh is ready, or hold the first calls for {@code MESH_START_WAIT}.
 */
public final class AgentStarter {
  /**
   * How long a thread loading a hooked class waits for ByteBuddy: far longer than it takes (~0.4
   * s), short enough that a stuck start-up can only delay the application, never hang it.
   */
  private static final long GATE_WAIT_MILLIS = 10_000;

  private AgentStarter() {}

  /**
   * Where bad settings are reported. Everything {@link #start} runs is free of lambdas and method
   * references: before main, the first one costs ~20 ms of the JVM's lambda machinery.
   */
  private static final class Warnings implements Consumer<String> {
    @Override
    public void accept(String message) {
      MeshLog.warn(message);
    }
  }

  /** Called reflectively by {@code io.inmesh.bootstrap.AgentLauncher}. */
  public static void start(Instrumentation inst, String args, boolean premain) {
    long startNanos = System.nanoTime();
    Settings settings = Settings.ofSystem();
    Consumer<String> warnings = new Warnings();
    MeshConfig config = MeshConfig.load(settings, warnings);
    MeshLog.setLevel(config.logLevel());
    if (!config.enabled()) {
      // Only reached when MESH_ENABLED holds a value the premain check let through.
      return;
    }
    try {
      UnaryOperator<String> lookup = settings;
      List<InstrumentationModule> modules = HookSelection.select(config, warnings);
      // ByteBuddy reads this before its first use; shading rewrites the literal to our relocated
      // package, so the application's own ByteBuddy is not affected. Without it, JDK 24+ prints
      // warnings about sun.misc.Unsafe.
      System.setProperty("net.bytebuddy.safe", "true");
      AgentInstaller installer = new AgentInstaller();
      installer.prepare(inst, modules, lookup, GATE_WAIT_MILLIS);
      // In parallel with ByteBuddy: the config source and the engine take longest to be ready.
      MeshRuntime.start(config);
      Runnable rest =
          new Runnable() {
            @Override
            public void run() {
              installHooks(inst, installer, modules, lookup, startNanos);
            }
          };
      // An attach has no main to protect, and whoever attaches expects the hooks on return.
      if (config.asyncStartup() && premain) {
        AgentThreads.newThread(rest, "init").start();
      } else {
        // Marked as the agent's: this thread must not wait at the gate for itself.
        AgentThreads.enterBypass();
        try {
          rest.run();
        } finally {
          AgentThreads.exitBypass();
        }
      }
      MeshLog.info(
          "inmesh "
              + version()
              + " started"
              + (premain ? "" : " (attached)")
              + " in "
              + (System.nanoTime() - startNanos) / 1_000_000
              + " ms: hooks="
              + HookSelection.names(modules)
              + ", config="
              + config.source());
    } catch (Throwable t) {
      MeshLog.error("agent start failed, the application runs without the mesh: " + t, t);
    }
  }

  /** ByteBuddy's part: the hooks, then their bridges, then the gate opens. */
  private static void installHooks(
      Instrumentation inst,
      AgentInstaller installer,
      List<InstrumentationModule> modules,
      UnaryOperator<String> lookup,
      long start) {
    try {
      installer.install();
      Map<InstrumentationModule, List<String>> unchecked =
          installer.selfCheckTransformed(modules, lookup);
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
      MeshLog.debug(
          "hooks ready "
              + (System.nanoTime() - start) / 1_000_000
              + " ms after start, classes transformed="
              + installer.transformations());
      if (!unchecked.isEmpty()) {
        AgentThreads.newThread(() -> selfCheckLater(installer, unchecked), "self-check").start();
      }
    } catch (Throwable t) {
      // Hooks may be partly installed; each still fails safe through HookErrors.
      MeshLog.error("hooks failed to install, the application runs without them: " + t, t);
    } finally {
      // Also when something failed: no application thread may wait for hooks that never come.
      installer.release();
      DnsBridge.settle();
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
