package io.inmesh.instrumentation.jdkdns;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.inmesh.bootstrap.DnsBridge;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import io.inmesh.instrumentation.api.TypeTransformer;
import java.net.InetAddress;
import java.util.List;
import java.util.function.UnaryOperator;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Hook {@code jdk-dns}: mesh service names resolve through the mesh in {@code
 * InetAddress.getAllByName0} (every overload, 3 on JDK 17 and 2 on 25; the call-depth guard acts on
 * the outermost only). It runs before the JDK's DNS cache, so a mesh answer can follow the mesh on
 * every call while other names keep the JDK's caching untouched. What the answer is: {@link
 * DnsAnswerMode}.
 */
public final class JdkDnsModule extends InstrumentationModule {
  /**
   * {@code mesh.dns.answer} / {@code MESH_DNS_ANSWER}: {@code virtual} (default) or {@code
   * endpoints}.
   */
  public static final String ANSWER_SETTING = "mesh.dns.answer";

  public JdkDnsModule() {
    super("jdk-dns");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    return List.of(
        new TypeInstrumentation() {
          @Override
          public ElementMatcher<TypeDescription> typeMatcher() {
            return named("java.net.InetAddress");
          }

          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                named("getAllByName0")
                    .and(isStatic())
                    .and(takesArgument(0, String.class))
                    .and(returns(InetAddress[].class)),
                ResolveAdvice.class.getName());
          }
        });
  }

  @Override
  public List<String> expectedBootstrapTypes(UnaryOperator<String> settings) {
    return List.of("java.net.InetAddress");
  }

  @Override
  public void start(UnaryOperator<String> settings) {
    DnsBridge.install(new MeshDnsResolver(DnsAnswerMode.parse(settings.apply(ANSWER_SETTING))));
  }

  /** Woven into {@code InetAddress.getAllByName0}; references only the bootstrap bridge. */
  public static final class ResolveAdvice {
    private ResolveAdvice() {}

    /** A non-null answer skips the JDK's lookup (and its cache) altogether. */
    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    static InetAddress[] enter(@Advice.Argument(0) String host) {
      return DnsBridge.resolve(host);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter InetAddress[] answer,
        @Advice.Return(readOnly = false) InetAddress[] result,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      DnsBridge.exit();
      if (answer != null) {
        result = answer;
        thrown = null;
      }
    }
  }
}
