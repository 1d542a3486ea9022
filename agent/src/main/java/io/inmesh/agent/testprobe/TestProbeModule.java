package io.inmesh.agent.testprobe;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.inmesh.agent.config.Setting;
import io.inmesh.bootstrap.TestProbeBridge;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import io.inmesh.instrumentation.api.TypeTransformer;
import java.util.List;
import java.util.function.UnaryOperator;
import net.bytebuddy.asm.Advice;

/**
 * Test-only hook {@code test-probe}: off unless {@code mesh.test.probe=<class>#<method>} is set. It
 * counts outermost calls of that method through {@link TestProbeBridge} and, with {@code
 * mesh.test.probe.fail=true}, throws from its advice, so tests can prove the advice error handler,
 * the call-depth guard, the agent-thread bypass and hooking of bootstrap classes with the real
 * agent.
 */
public final class TestProbeModule extends InstrumentationModule {
  public TestProbeModule() {
    super("test-probe");
  }

  @Override
  public boolean enabledByDefault(UnaryOperator<String> settings) {
    return target(settings) != null;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    String[] target = target(settings);
    if (target == null) {
      return List.of();
    }
    return List.of(
        new TypeInstrumentation() {
          @Override
          public List<String> typeNames() {
            return List.of(target[0]);
          }

          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(named(target[1]), ProbeAdvice.class.getName());
          }
        });
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(TestProbeHelper.class.getName());
  }

  @Override
  public List<String> expectedBootstrapTypes(UnaryOperator<String> settings) {
    String[] target = target(settings);
    return target != null && target[0].startsWith("java.") ? List.of(target[0]) : List.of();
  }

  @Override
  public void start(UnaryOperator<String> settings) {
    boolean fail = Boolean.parseBoolean(settings.apply(Setting.TEST_PROBE_FAIL.property()));
    TestProbeBridge.install(new ThrowingProbe(fail));
  }

  private static String[] target(UnaryOperator<String> settings) {
    String value = settings.apply(Setting.TEST_PROBE.property());
    if (value == null) {
      return null;
    }
    String[] parts = value.split("#", 2);
    return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? parts : null;
  }

  /** Woven into the probed method; references only the bootstrap bridge. */
  public static final class ProbeAdvice {
    private ProbeAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Origin("#t.#m") String method) {
      TestProbeBridge.enter(method);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
      TestProbeBridge.exit();
    }
  }
}
