package io.inmesh.instrumentation.jdkhttpclient;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.inmesh.bootstrap.HttpClientBridge;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import io.inmesh.instrumentation.api.TypeTransformer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.UnaryOperator;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Hook {@code jdk-httpclient}: java.net.http.HttpClient calls to mesh services go where the mesh
 * says. Both {@code send} and {@code sendAsync} pass the private 4-argument {@code
 * HttpClientImpl.sendAsync} (send is sendAsync + get on JDK 17 and 25), so one hook covers both;
 * {@code HttpRequestImpl.getAddress()} is where the client asks whom to connect to.
 */
public final class JdkHttpClientModule extends InstrumentationModule {
  static final String CLIENT_IMPL = "jdk.internal.net.http.HttpClientImpl";
  static final String REQUEST_IMPL = "jdk.internal.net.http.HttpRequestImpl";

  public JdkHttpClientModule() {
    super("jdk-httpclient");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    return List.of(
        new TypeInstrumentation() {
          @Override
          public List<String> typeNames() {
            return List.of(CLIENT_IMPL);
          }

          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                named("sendAsync").and(isPrivate()).and(takesArguments(4)),
                SendAsyncAdvice.class.getName());
          }
        },
        new TypeInstrumentation() {
          @Override
          public List<String> typeNames() {
            return List.of(REQUEST_IMPL);
          }

          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                isConstructor()
                    .and(takesArguments(2))
                    .and(takesArgument(0, named("java.net.http.HttpRequest"))),
                RequestCreatedAdvice.class.getName());
            transformer.applyAdviceToMethod(
                named("getAddress").and(takesArguments(0)), GetAddressAdvice.class.getName());
          }
        });
  }

  @Override
  public void start(UnaryOperator<String> settings) {
    // The adapter finds the engine per call (MeshAccess), so it can be installed at once.
    HttpClientBridge.install(new JdkHttpClientAdapter());
  }

  /** Woven into {@code HttpClientImpl.sendAsync(request, handler, push, executor)}. */
  public static final class SendAsyncAdvice {
    private SendAsyncAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static Object enter(
        @Advice.This Object client,
        @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object handler,
        @Advice.Argument(2) Object push,
        @Advice.Argument(3) Object executor) {
      return HttpClientBridge.enterSend(client, request, handler, push, executor);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter Object replacement,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      HttpClientBridge.exitSend();
      if (replacement != null) {
        returned = replacement;
      }
    }
  }

  /** Woven into the constructor {@code HttpRequestImpl(HttpRequest, ProxySelector)}. */
  public static final class RequestCreatedAdvice {
    private RequestCreatedAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object requestImpl, @Advice.Argument(0) Object request) {
      HttpClientBridge.requestCreated(requestImpl, request);
    }
  }

  /** Woven into {@code HttpRequestImpl.getAddress()}. */
  public static final class GetAddressAdvice {
    private GetAddressAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static InetSocketAddress enter(@Advice.This Object requestImpl) {
      return HttpClientBridge.address(requestImpl);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.Enter InetSocketAddress routed,
        @Advice.Return(readOnly = false) InetSocketAddress returned) {
      if (routed != null) {
        returned = routed;
      }
    }
  }
}
