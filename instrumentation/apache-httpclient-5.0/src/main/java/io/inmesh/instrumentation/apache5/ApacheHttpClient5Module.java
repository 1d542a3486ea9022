package io.inmesh.instrumentation.apache5;

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
 * Hook {@code apache-httpclient-5.0}: every {@code execute} of a classic client ({@code
 * InternalHttpClient} from {@code HttpClientBuilder}, {@code MinimalHttpClient}) passes {@code
 * doExecute(HttpHost, ClassicHttpRequest, HttpContext)}. Advice there hands mesh calls to {@link
 * Apache5ClassicExecutor}, which runs each attempt as a nested {@code execute} on the same client
 * (the app's interceptors, cookies, auth and pool all apply) with:
 *
 * <ul>
 *   <li>a target {@code HttpHost(scheme, endpointIp, logicalHost, endpointPort)}: the connection
 *       operator connects to the address it carries, while TLS (SNI, hostname verification) uses
 *       the host name, and the pool keys routes by both, so connections stay per endpoint;
 *   <li>the app's {@code Host} (or the route's rewrite) set explicitly, which Apache keeps.
 * </ul>
 *
 * <p>The async client ({@code InternalHttpAsyncClient} and {@code InternalH2AsyncClient} from
 * {@code HttpAsyncClients}, 5.1 to 5.5) passes {@code InternalAbstractHttpAsyncClient.doExecute}
 * with six arguments; advice there hands mesh calls to {@link Apache5AsyncExecutor}, whose attempts
 * are nested {@code execute}s to the same kind of target, driven without blocking.
 */
public final class ApacheHttpClient5Module extends InstrumentationModule {
  private static final String PKG = "io.inmesh.instrumentation.apache5.";

  public ApacheHttpClient5Module() {
    super("apache-httpclient-5.0");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    return List.of(
        new TypeInstrumentation() {
          @Override
          public List<String> typeNames() {
            return List.of(
                "org.apache.hc.client5.http.impl.classic.InternalHttpClient",
                "org.apache.hc.client5.http.impl.classic.MinimalHttpClient");
          }

          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                named("doExecute")
                    .and(takesArguments(3))
                    .and(takesArgument(0, named("org.apache.hc.core5.http.HttpHost")))
                    .and(takesArgument(1, named("org.apache.hc.core5.http.ClassicHttpRequest"))),
                PKG + "Apache5Advice");
          }
        },
        new TypeInstrumentation() {
          @Override
          public List<String> typeNames() {
            return List.of("org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient");
          }

          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                named("doExecute")
                    .and(takesArguments(6))
                    .and(takesArgument(0, named("org.apache.hc.core5.http.HttpHost")))
                    .and(
                        takesArgument(
                            1, named("org.apache.hc.core5.http.nio.AsyncRequestProducer"))),
                PKG + "Apache5AsyncAdvice");
          }
        });
  }

  @Override
  public List<String> helperClassNames() {
    // By name: the agent's loader has no HttpClient to load them with.
    return List.of(
        PKG + "Apache5RequestInfo",
        PKG + "Apache5HeaderWriter",
        PKG + "Apache5ResponseHeaders",
        PKG + "LocalHttpResponse",
        PKG + "Apache5ClassicExecutor",
        PKG + "AsyncScheduler",
        PKG + "AsyncScheduler$Daemon",
        PKG + "RequestHead",
        PKG + "AttemptProducer",
        PKG + "ToFuture",
        PKG + "AppCallback",
        PKG + "LocalAsyncReply",
        PKG + "LocalAsyncReply$IgnoredCapacity",
        PKG + "AsyncAttempt",
        PKG + "AsyncAttempt$Consumer",
        PKG + "AsyncMeshExchange",
        PKG + "Apache5AsyncExecutor",
        PKG + "Apache5AsyncExecutor$Call");
  }

  @Override
  public void start(UnaryOperator<String> settings) {
    MeshHttpPlanner.install();
  }
}
