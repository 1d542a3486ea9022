package io.inmesh.instrumentation.jdkdns;

import io.inmesh.bootstrap.DnsBridge;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.PremainTransformer;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Hook {@code jdk-dns}: mesh service names resolve through the mesh in {@code
 * InetAddress.getAllByName0} (every overload, 3 on JDK 17 and 2 on 25). It runs before the JDK's
 * DNS cache, so a mesh answer can follow the mesh on every call while other names keep the JDK's
 * caching untouched. What the answer is: {@link DnsAnswerMode}. The hook is woven by hand before
 * {@code main} ({@link ResolveHook}); the module starts with the others, since a virtual address
 * needs the connect hook. With a mesh configured, a lookup made before then waits for the hooks
 * ({@code DnsBridge.holdUntilSettled}) and then for the mesh ({@code MESH_START_WAIT}) instead of
 * failing as an unknown name.
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

  /** Woven by hand before {@code main}: see {@link ResolveHook}. */
  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    return List.of();
  }

  @Override
  public List<PremainTransformer> premainTransformers(UnaryOperator<String> settings) {
    return List.of(new ResolveHook());
  }

  @Override
  public List<String> expectedBootstrapTypes(UnaryOperator<String> settings) {
    return List.of("java.net.InetAddress");
  }

  @Override
  public void start(UnaryOperator<String> settings) {
    DnsBridge.install(new MeshDnsResolver(DnsAnswerMode.parse(settings.apply(ANSWER_SETTING))));
  }
}
