package io.inmesh.instrumentation.apache4;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import io.inmesh.instrumentation.api.TypeTransformer;
import io.inmesh.instrumentation.api.http.MeshHttpPlanner;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Hook {@code apache-httpclient-4.5}: every {@code execute} of a classic client ({@code
 * InternalHttpClient} from {@code HttpClientBuilder}, {@code MinimalHttpClient}) passes {@code
 * doExecute(HttpHost, HttpRequest, HttpContext)}. Advice there hands mesh calls to {@link
 * ApacheClassicExecutor}, which runs each attempt as a nested {@code execute} on the same client
 * (the app's interceptors, cookies, auth and pool all apply) with:
 *
 * <ul>
 *   <li>a target {@code HttpHost(endpointIp, logicalHost, endpointPort, scheme)}: the connection
 *       operator connects to the address it carries, while TLS (SNI, hostname verification) uses
 *       the host name, and the pool keys routes by both, so connections stay per endpoint;
 *   <li>the app's {@code Host} (or the route's rewrite) set explicitly, which Apache keeps.
 * </ul>
 */
public final class ApacheHttpClient4Module extends InstrumentationModule {
  private static final String PKG = "io.inmesh.instrumentation.apache4.";

  public ApacheHttpClient4Module() {
    super("apache-httpclient-4.5");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    return List.of(
        new TypeInstrumentation() {
          @Override
          public List<String> typeNames() {
            return List.of(
                "org.apache.http.impl.client.InternalHttpClient",
                "org.apache.http.impl.client.MinimalHttpClient");
          }

          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                named("doExecute")
                    .and(takesArguments(3))
                    .and(takesArgument(0, named("org.apache.http.HttpHost")))
                    .and(takesArgument(1, named("org.apache.http.HttpRequest"))),
                PKG + "Apache4Advice");
          }
        });
  }

  @Override
  public List<String> helperClassNames() {
    // By name: the agent's loader has no HttpClient to load them with.
    return List.of(
        PKG + "Apache4RequestInfo",
        PKG + "Apache4HeaderWriter",
        PKG + "Apache4ResponseHeaders",
        PKG + "LocalHttpResponse",
        PKG + "ApacheClassicExecutor");
  }

  @Override
  public void start(UnaryOperator<String> settings) {
    MeshHttpPlanner.install();
  }
}
