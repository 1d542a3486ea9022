package io.inmesh.agent.tooling;

import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.HookErrors;
import io.inmesh.bootstrap.MeshLog;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.PremainTransformer;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Installs the enabled instrumentation modules in two steps, so that the application's {@code main}
 * does not wait for ByteBuddy (~1,200 classes, ~0.4 s on these machines):
 *
 * <ol>
 *   <li>{@link #prepare}, before {@code main}: registers the {@link HookGate}, which weaves the
 *       modules' {@link PremainTransformer}s (the DNS hook) at once and holds the first load of any
 *       other hooked class until step 2 is done. Loads no ByteBuddy class beyond the few the
 *       modules' method matchers are made of.
 *   <li>{@link #install}, on an agent thread by default: builds ByteBuddy's transformer, hands it
 *       to the gate and retransforms the hooked classes loaded meanwhile (by the agent's own
 *       threads, or before the agent at all: a runtime attach, another agent first).
 *   <li>{@link #release}, once the caller has installed the hooks' bridges: the gate lets the
 *       waiting application threads go on.
 * </ol>
 *
 * <p>Both steps record what they transformed, for the self-check: a hook that silently missed its
 * class would let traffic bypass the mesh.
 */
public final class AgentInstaller {
  // No ByteBuddy type here: this class is loaded before main, ByteBuddy only by step 2.
  private final TransformedTypes transformed = new TransformedTypes();
  private Instrumentation inst;
  private HookGate gate;
  private final Map<InstrumentationModule, List<TypeInstrumentation>> types = new LinkedHashMap<>();

  /** Transformations so far (including retransformations of loaded classes). */
  public long transformations() {
    return transformed.count();
  }

  /**
   * Step 1, before {@code main}: registers the gate for {@code modules} and weaves their premain
   * hooks. A loading thread waits at most {@code maxWaitMillis} for {@link #install}.
   */
  public void prepare(
      Instrumentation inst,
      List<InstrumentationModule> modules,
      UnaryOperator<String> settings,
      long maxWaitMillis) {
    this.inst = inst;
    Map<String, PremainTransformer> premain = new HashMap<>();
    Set<String> hooked = new HashSet<>();
    for (InstrumentationModule module : modules) {
      for (PremainTransformer early : module.premainTransformers(settings)) {
        premain.put(internalName(early.typeName()), early);
      }
      List<TypeInstrumentation> moduleTypes = module.typeInstrumentations(settings);
      types.put(module, moduleTypes);
      for (TypeInstrumentation type : moduleTypes) {
        for (String name : type.typeNames()) {
          hooked.add(internalName(name));
        }
      }
    }
    ModuleOpener.open(inst, AgentInstaller.class.getModule(), HookErrors.class.getModule());
    gate = new HookGate(premain, hooked, transformed, maxWaitMillis);
    inst.addTransformer(gate, true);
    // This thread is the agent's until premain returns: it must not wait at the gate for hooks
    // that are built after it (a premain class may be hooked by ByteBuddy too).
    AgentThreads.enterBypass();
    try {
      for (PremainTransformer early : premain.values()) {
        weaveNow(early.typeName());
      }
    } finally {
      AgentThreads.exitBypass();
    }
  }

  /**
   * Loads a premain hook's class through the gate now; one loaded before the gate (a runtime
   * attach, another agent first) is retransformed instead.
   */
  private void weaveNow(String typeName) {
    try {
      Class<?> type = Class.forName(typeName, false, null);
      if (!transformed.contains(typeName)) {
        retransform(type);
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // The self-check reports the hook as missed.
    }
  }

  /**
   * Step 2: builds ByteBuddy's transformer, hands it to the gate and retransforms the hooked
   * classes that were loaded without it. Returns when every hook is in place; the application's
   * threads that load a hooked class still wait for {@link #release}.
   */
  public void install() {
    gate.open(ByteBuddyHooks.transformer(inst, types, transformed));
    for (Class<?> loaded : inst.getAllLoadedClasses()) {
      if (gate.isHooked(internalName(loaded.getName()))
          && !transformed.advised(loaded.getName())
          && inst.isModifiableClass(loaded)) {
        retransform(loaded);
      }
    }
  }

  /** Step 3, once the bridges are installed: lets the application's threads load hooked classes. */
  public void release() {
    if (gate != null) {
      gate.release();
    }
  }

  private void retransform(Class<?> loaded) {
    try {
      inst.retransformClasses(loaded);
    } catch (Throwable t) {
      MeshLog.warn("could not retransform " + loaded.getName() + ", it runs unhooked: " + t, t);
    }
  }

  private static String internalName(String binaryName) {
    return binaryName.replace('.', '/');
  }

  /**
   * A JDK class not loaded yet (sun.nio.ch.Net before the first NIO socket) was not transformed at
   * install time; loading it now, without initialising it, runs the transformer on it. Cheap, and
   * it tells a missed hook from one that simply had nothing to do yet.
   */
  private boolean loadedAndTransformed(String type) {
    try {
      Class.forName(type, false, null);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    // A class loaded while the JVM shuts down (a short app's main already returned) is not offered
    // to transformers any more: that is no missed hook, and no call will use it.
    return transformed.contains(type) || shuttingDown();
  }

  private static boolean shuttingDown() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /**
   * The part of the self-check that costs nothing: confirms the expected types already transformed
   * (logged at debug level) and returns, per module, those that are not, for {@link
   * #selfCheckDeferred}. Loading a type the application has not used yet (HttpURLConnection's
   * classes) and transforming it costs ~0.1 s, so it is not done before {@code main}.
   */
  public Map<InstrumentationModule, List<String>> selfCheckTransformed(
      List<InstrumentationModule> modules, UnaryOperator<String> settings) {
    Map<InstrumentationModule, List<String>> pending = new LinkedHashMap<>();
    for (InstrumentationModule module : modules) {
      List<String> fired = new ArrayList<>();
      List<String> notYet = new ArrayList<>();
      for (String type : module.expectedBootstrapTypes(settings)) {
        (transformed.contains(type) ? fired : notYet).add(type);
      }
      logFired(module, fired);
      if (!notYet.isEmpty()) {
        pending.put(module, notYet);
      }
    }
    return pending;
  }

  /**
   * The rest of the self-check, meant for an agent thread: loads each pending type (without
   * initialising it) and warns for each one that was still not transformed, which is a hook that
   * silently missed; returns the count missed.
   */
  public int selfCheckDeferred(Map<InstrumentationModule, List<String>> pending) {
    int missed = 0;
    for (Map.Entry<InstrumentationModule, List<String>> entry : pending.entrySet()) {
      String name = entry.getKey().name();
      List<String> fired = new ArrayList<>();
      for (String type : entry.getValue()) {
        if (transformed.contains(type) || loadedAndTransformed(type)) {
          fired.add(type);
        } else {
          missed++;
          MeshLog.warn(
              "self-check: hook "
                  + name
                  + " did not instrument "
                  + type
                  + "; its traffic bypasses the mesh");
        }
      }
      logFired(entry.getKey(), fired);
    }
    return missed;
  }

  /** Both parts of the self-check on the calling thread; returns the count missed. */
  public int selfCheck(List<InstrumentationModule> modules, UnaryOperator<String> settings) {
    return selfCheckDeferred(selfCheckTransformed(modules, settings));
  }

  private static void logFired(InstrumentationModule module, List<String> fired) {
    if (!fired.isEmpty() && MeshLog.isDebug()) {
      MeshLog.debug("self-check: hook " + module.name() + " fired on " + fired);
    }
  }
}
