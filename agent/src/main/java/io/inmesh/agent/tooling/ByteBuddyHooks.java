package io.inmesh.agent.tooling;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import io.inmesh.bootstrap.HookErrors;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * ByteBuddy's transformer for the modules' advice, set up so that bootstrap classes ({@code
 * sun.nio.ch.*}, {@code java.net.HttpURLConnection}) can be hooked on JDK 17 and 25: no class
 * format changes (a loaded class may only get advice, no new members), decoration rather than
 * rebasing, and the boot loader not ignored. Built raw, not installed: the {@link HookGate} is the
 * only transformer registered and calls this one for hooked class names only.
 */
final class ByteBuddyHooks {
  private ByteBuddyHooks() {}

  static ClassFileTransformer transformer(
      Instrumentation inst,
      Map<InstrumentationModule, List<TypeInstrumentation>> types,
      TransformedTypes transformed) {
    ClassLoader agentLoader = ByteBuddyHooks.class.getClassLoader();
    AgentBuilder builder =
        new AgentBuilder.Default(
                new ByteBuddy()
                    .with(TypeValidation.DISABLED)
                    // Advice goes into declared methods only, so the hierarchy need not be
                    // resolved: a class another agent changed may implement an interface that
                    // agent generates later (OpenTelemetry's marker on HttpURLConnection), which
                    // no pool can describe while the class is being loaded.
                    .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE))
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            // A class another agent already changed may name types that have no class file at all
            // (the OpenTelemetry agent adds a marker interface it generates at run time to
            // HttpURLConnection): the pool then describes such a type from the loaded class.
            .with(AgentBuilder.PoolStrategy.ClassLoading.EXTENDED)
            // A loaded class is described from its class file, which another agent has not
            // changed (the loaded class may carry OpenTelemetry's marker interface, which has no
            // class file); from the loaded class only where there is no class file. Cheap here,
            // since the gate hands ByteBuddy the hooked classes only; with installOn() it parsed
            // every class the JVM had loaded (~0.5 s).
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(new TransformationListener(transformed))
            // Advice woven into named JDK modules calls the bridge in the bootstrap unnamed module.
            .assureReadEdgeTo(inst, HookErrors.class)
            // The gate passes hooked class names only, so all that is left to ignore is our own
            // loader; ByteBuddy's default would skip the boot loader, which we hook.
            .ignore(any(), is(agentLoader));
    for (Map.Entry<InstrumentationModule, List<TypeInstrumentation>> entry : types.entrySet()) {
      builder = addModule(builder, entry.getKey(), entry.getValue(), agentLoader);
    }
    return builder.makeRaw();
  }

  private static AgentBuilder addModule(
      AgentBuilder builder,
      InstrumentationModule module,
      List<TypeInstrumentation> moduleTypes,
      ClassLoader agentLoader) {
    List<String> helpers = module.helperClassNames();
    for (TypeInstrumentation type : moduleTypes) {
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
          builder
              .type(namedOneOf(type.typeNames().toArray(new String[0])), type.classLoaderMatcher())
              .transform(collected.get(0));
      if (!helpers.isEmpty()) {
        extendable = extendable.transform(new HelperInjector(module.name(), helpers, agentLoader));
      }
      // Not asTerminalTransformation(): several modules may hook the same type, all apply.
      builder = extendable;
    }
    return builder;
  }
}
