package io.inmesh.instrumentation.jdkurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.inmesh.bootstrap.UrlConnectionBridge;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.NamedTypes;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import io.inmesh.instrumentation.api.TypeTransformer;
import io.inmesh.instrumentation.api.http.MeshHttpPlanner;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.List;
import java.util.function.UnaryOperator;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Hook {@code jdk-urlconnection}: the JDK's {@code HttpURLConnection} (http, and https through its
 * delegate, which extends the http class) to mesh services goes where the mesh says.
 *
 * <p>The public entry points of {@code sun.net.www.protocol.http.HttpURLConnection} are where a
 * call is planned and, for a mesh call, answered by the agent ({@link MeshUrlCall}); the attempts
 * themselves are the JDK's own connections, steered per attempt at {@code getNewHttpClient} (http:
 * the URL the client connects to and pools by) or at {@code HttpClient.openServer} (https: the
 * socket address only, so SNI and hostname verification stay on the logical host).
 */
public final class UrlConnectionModule extends InstrumentationModule {
  static final String CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
  static final String CLIENT = "sun.net.www.http.HttpClient";
  static final String HTTPS_CLIENT = "sun.net.www.protocol.https.HttpsClient";

  public UrlConnectionModule() {
    super("jdk-urlconnection");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    return List.of(
        new NamedTypes(CONNECTION) {
          @Override
          public void transform(TypeTransformer t) {
            t.applyAdviceToMethod(
                isPublic()
                    .and(namedOneOf("connect", "disconnect"))
                    .and(takesArguments(0))
                    .and(returns(void.class)),
                VoidEntryAdvice.class.getName());
            t.applyAdviceToMethod(
                isPublic()
                    .and(
                        namedOneOf(
                            "getInputStream",
                            "getOutputStream",
                            "getErrorStream",
                            "getHeaderFields"))
                    .and(takesArguments(0)),
                EntryAdvice.class.getName());
            t.applyAdviceToMethod(
                isPublic()
                    .and(named("getHeaderField"))
                    .and(takesArguments(1))
                    .and(takesArgument(0, String.class)),
                NamedHeaderAdvice.class.getName());
            t.applyAdviceToMethod(
                isPublic()
                    .and(namedOneOf("getHeaderField", "getHeaderFieldKey"))
                    .and(takesArguments(1))
                    .and(takesArgument(0, int.class)),
                IndexedHeaderAdvice.class.getName());
            t.applyAdviceToMethod(
                named("getNewHttpClient").and(takesArgument(0, URL.class)),
                RouteAdvice.class.getName());
          }
        },
        new NamedTypes(HTTPS_CLIENT) {
          @Override
          public void transform(TypeTransformer t) {
            t.applyAdviceToMethod(
                named("New").and(takesArguments(7)).and(takesArgument(4, boolean.class)),
                HttpsCacheAdvice.class.getName());
          }
        },
        new NamedTypes(CLIENT) {
          @Override
          public void transform(TypeTransformer t) {
            t.applyAdviceToMethod(
                named("openServer")
                    .and(takesArguments(2))
                    .and(takesArgument(0, String.class))
                    .and(takesArgument(1, int.class)),
                OpenServerAdvice.class.getName());
          }
        });
  }

  @Override
  public List<String> expectedBootstrapTypes(UnaryOperator<String> settings) {
    return List.of(CONNECTION, CLIENT, HTTPS_CLIENT);
  }

  @Override
  public void start(UnaryOperator<String> settings) {
    // Calls are planned through the generic L7 bridge; the adapter finds the engine per call.
    MeshHttpPlanner.install();
    UrlConnectionBridge.install(new UrlConnectionAdapter());
  }

  /** Woven into {@code connect()} and {@code disconnect()}. */
  public static final class VoidEntryAdvice {
    private VoidEntryAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static UrlConnectionBridge.Outcome enter(
        @Advice.This HttpURLConnection connection,
        @Advice.Origin("#m") String method,
        @Advice.FieldValue("connected") boolean connected) {
      return UrlConnectionBridge.enter(connection, method, null, connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter UrlConnectionBridge.Outcome outcome,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      UrlConnectionBridge.exit();
      if (outcome != null && outcome.thrown() != null) {
        thrown = outcome.thrown();
      }
    }
  }

  /** Woven into the no-argument getters ({@code getInputStream}, {@code getHeaderFields}...). */
  public static final class EntryAdvice {
    private EntryAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static UrlConnectionBridge.Outcome enter(
        @Advice.This HttpURLConnection connection,
        @Advice.Origin("#m") String method,
        @Advice.FieldValue("connected") boolean connected) {
      return UrlConnectionBridge.enter(connection, method, null, connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter UrlConnectionBridge.Outcome outcome,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      UrlConnectionBridge.exit();
      if (outcome != null) {
        returned = outcome.value();
        thrown = outcome.thrown();
      }
    }
  }

  /** Woven into {@code getHeaderField(String)}. */
  public static final class NamedHeaderAdvice {
    private NamedHeaderAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static UrlConnectionBridge.Outcome enter(
        @Advice.This HttpURLConnection connection,
        @Advice.Origin("#m") String method,
        @Advice.Argument(0) String name,
        @Advice.FieldValue("connected") boolean connected) {
      return UrlConnectionBridge.enter(connection, method, name, connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter UrlConnectionBridge.Outcome outcome,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      UrlConnectionBridge.exit();
      if (outcome != null) {
        returned = outcome.value();
        thrown = outcome.thrown();
      }
    }
  }

  /** Woven into {@code getHeaderField(int)} and {@code getHeaderFieldKey(int)}. */
  public static final class IndexedHeaderAdvice {
    private IndexedHeaderAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static UrlConnectionBridge.Outcome enter(
        @Advice.This HttpURLConnection connection,
        @Advice.Origin("#m") String method,
        @Advice.Argument(0) int index,
        @Advice.FieldValue("connected") boolean connected) {
      return UrlConnectionBridge.enter(connection, method, Integer.valueOf(index), connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter UrlConnectionBridge.Outcome outcome,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      UrlConnectionBridge.exit();
      if (outcome != null) {
        returned = outcome.value();
        thrown = outcome.thrown();
      }
    }
  }

  /** Woven into the http {@code getNewHttpClient(URL, Proxy, int[, boolean])}. */
  public static final class RouteAdvice {
    private RouteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) URL url) {
      url = UrlConnectionBridge.route(url);
    }
  }

  /** Woven into {@code HttpsClient.New(sf, url, hv, proxy, useCache, timeout, connection)}. */
  public static final class HttpsCacheAdvice {
    private HttpsCacheAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(1) URL url,
        @Advice.Argument(value = 4, readOnly = false) boolean useCache) {
      useCache = UrlConnectionBridge.useCache(url, useCache);
    }
  }

  /** Woven into {@code sun.net.www.http.HttpClient.openServer(String, int)}. */
  public static final class OpenServerAdvice {
    private OpenServerAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.Argument(value = 0, readOnly = false) String host,
        @Advice.Argument(value = 1, readOnly = false) int port) {
      InetSocketAddress steered = UrlConnectionBridge.server(host, port);
      if (steered != null) {
        host = steered.getHostString();
        port = steered.getPort();
      }
    }
  }
}
