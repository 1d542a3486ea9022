package io.inmesh.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import io.inmesh.instrumentation.api.TypeTransformer;
import io.inmesh.instrumentation.api.http.MeshHttpPlanner;
import java.util.List;
import java.util.function.UnaryOperator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Hook {@code okhttp-3.0}: OkHttp 3.14+, 4.x and 5.x, in two places.
 *
 * <ol>
 *   <li>Every {@code OkHttpClient} gets {@link MeshInterceptor} as its last application interceptor
 *       (advice on the {@code OkHttpClient(Builder)} constructor), so the mesh sees the request as
 *       the app finally sends it, as a sidecar would, and drives the engine's plan: local replies,
 *       fault delays, attempts, retries and timeouts.
 *   <li>Each attempt's request is the app's with the app's {@code Host} (or the route's rewrite)
 *       set explicitly, which OkHttp keeps (also as HTTP/2 {@code :authority}), and in its URL a
 *       port that stands for the chosen endpoint. The {@code Address} OkHttp builds for that URL
 *       ({@code Transmitter.createAddress} in 3.14 and 4.0–4.2, {@code RealCall.createAddress} in
 *       4.3+, {@code OkHttpClient.address} in 5.x) gets a {@code Dns} answering the endpoint's IP
 *       and a {@code SocketFactory} connecting to its real address. So SNI, hostname verification
 *       and certificate pinning stay on the logical host name; the pool keeps connections per
 *       endpoint; a retry on another endpoint never reuses the call's previous connection (OkHttp
 *       reuses it for the same host and port, and endpoints usually share one port); and the app
 *       gets its response with its own request on it. The steering travels with the {@code
 *       Address}, so connects on other threads (OkHttp 5) follow it.
 * </ol>
 *
 * Why not put the endpoint's IP in the URL: TLS for {@code https://} would then check an IP (SNI
 * and hostname verification), and cookies would follow the IP.
 */
public final class OkHttpModule extends InstrumentationModule {
  private static final String PKG = "io.inmesh.instrumentation.okhttp.";

  public OkHttpModule() {
    super("okhttp-3.0");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    return List.of(
        new TypeInstrumentation() {
          @Override
          public List<String> typeNames() {
            return List.of("okhttp3.OkHttpClient");
          }

          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                isConstructor()
                    .and(takesArguments(1))
                    .and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))),
                PKG + "OkHttpAdvice$AddInterceptor");
            transformer.applyAdviceToMethod(addressFactory(), PKG + "OkHttpAdvice$SteerAddress");
          }
        },
        new TypeInstrumentation() {
          @Override
          public List<String> typeNames() {
            return List.of(
                "okhttp3.internal.connection.RealCall", "okhttp3.internal.connection.Transmitter");
          }

          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(addressFactory(), PKG + "OkHttpAdvice$SteerAddress");
          }
        });
  }

  /** {@code createAddress(HttpUrl)} (3.14, 4.x) or {@code address(HttpUrl)} (5.x). */
  private static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription>
      addressFactory() {
    return namedOneOf("createAddress", "address")
        .and(takesArguments(1))
        .and(takesArgument(0, named("okhttp3.HttpUrl")))
        .and(returns(named("okhttp3.Address")));
  }

  @Override
  public List<String> helperClassNames() {
    // By name: loading them here would fail, the agent's loader has no OkHttp.
    return List.of(
        PKG + "EndpointDns",
        PKG + "EndpointSocketFactory",
        PKG + "EndpointSocketFactory$EndpointSocket",
        PKG + "SteeredEndpoint",
        PKG + "OkHttpSteering",
        PKG + "OkHttpRequestInfo",
        PKG + "RequestHeaderWriter",
        PKG + "LocalResponses",
        PKG + "ResponseHeaders",
        PKG + "CallCancellation",
        PKG + "MeshInterceptor");
  }

  @Override
  public void start(UnaryOperator<String> settings) {
    MeshHttpPlanner.install();
  }
}
