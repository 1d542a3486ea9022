package io.inmesh.agent.tooling;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.inmesh.bootstrap.HookErrors;
import io.inmesh.bootstrap.MeshLog;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * Installs the enabled instrumentation modules with ByteBuddy, set up so that already loaded
 * bootstrap classes ({@code java.net.InetAddress}, {@code sun.nio.ch.*}) can be hooked on JDK 17
 * and 25: retransformation with reiterating discovery (a single pass missed classes on JDK 25), no
 * class format changes (loaded classes may only get advice, no new members), decoration rather than
 * rebasing, and an ignore matcher that does not skip the bootstrap loader.
 */
public final class AgentInstaller {
  private final TransformationListener listener = new TransformationListener();
  private volatile boolean opened;

  /** Transformations so far (including retransformations of loaded classes). */
  public long transformations() {
    return listener.count();
  }

  /**
   * Installs {@code modules}; returns when every loaded class has been retransformed. May be called
   * more than once (hooks needed before {@code main}, then the rest on an agent thread): each call
   * adds its own transformer, and retransformation catches the classes loaded in between.
   */
  public void install(
      Instrumentation inst, List<InstrumentationModule> modules, UnaryOperator<String> settings) {
    if (modules.isEmpty()) {
      return;
    }
    ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
    if (!opened) {
      opened = true;
      ModuleOpener.open(inst, AgentInstaller.class.getModule(), HookErrors.class.getModule());
    }

    AgentBuilder builder =
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            // A class another agent already changed may name types that have no class file at all
            // (the OpenTelemetry agent adds a marker interface it generates at run time to
            // HttpURLConnection). The pool then describes such a type from the loaded class, and a
            // loaded class it cannot read from its class file likewise.
            .with(AgentBuilder.PoolStrategy.ClassLoading.EXTENDED)
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(listener)
            // Advice woven into named JDK modules calls the bridge in the bootstrap unnamed module.
            .assureReadEdgeTo(inst, HookErrors.class)
            // Our own classes are never hooked: the bridge by name, everything in the agent loader
            // (agent code, relocated libraries, unrelocated proto packages) by loader. Not all of
            // io.inmesh: applications in that namespace (samples, tests) must be hookable. The boot
            // loader is deliberately not ignored, unlike ByteBuddy's default.
            .ignore(
                nameStartsWith("io.inmesh.bootstrap.")
                    .or(isSynthetic())
                    .or(nameContains("$$Lambda"))
                    .or(nameStartsWith("jdk.internal.reflect.Generated")))
            .or(any(), is(agentLoader));

    for (InstrumentationModule module : modules) {
      builder = addModule(builder, module, settings, agentLoader);
    }
    builder.installOn(inst);
  }

  private static AgentBuilder addModule(
      AgentBuilder builder,
      InstrumentationModule module,
      UnaryOperator<String> settings,
      ClassLoader agentLoader) {
    List<String> helpers = module.helperClassNames();
    for (TypeInstrumentation type : module.typeInstrumentations(settings)) {
      AgentBuilder.Transformer.ForAdvice advice =
          new AgentBuilder.Transformer.ForAdvice()
              .include(agentLoader)
              .withExceptionHandler(AdviceErrorHandler.forHook(module.name()));
      List<AgentBuilder.Transformer.ForAdvice> collected = new ArrayList<>(1);
      collected.add(advice);
      type.transform(
          (methods, adviceClassName) ->
              collected.set(0, collected.get(0).advice(methods, adviceClassName)));
      AgentBuilder.Identified.Extendable extendable =
          builder.type(type.typeMatcher(), type.classLoaderMatcher()).transform(collected.get(0));
      if (!helpers.isEmpty()) {
        extendable = extendable.transform(new HelperInjector(module.name(), helpers, agentLoader));
      }
      // Not asTerminalTransformation(): several modules may hook the same type, all apply.
      builder = extendable;
    }
    return builder;
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
    return listener.transformed(type) || shuttingDown();
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
        (listener.transformed(type) ? fired : notYet).add(type);
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
        if (listener.transformed(type) || loadedAndTransformed(type)) {
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
