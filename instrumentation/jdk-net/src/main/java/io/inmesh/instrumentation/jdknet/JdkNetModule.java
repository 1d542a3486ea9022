package io.inmesh.instrumentation.jdknet;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.inmesh.bootstrap.ConnectBridge;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import io.inmesh.instrumentation.api.TypeTransformer;
import java.io.FileDescriptor;
import java.net.InetAddress;
import java.util.List;
import java.util.function.UnaryOperator;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Hook {@code jdk-net}: TCP connects to a mesh service's address (its {@code Listener.address} or
 * the virtual address the DNS hook answered) go to an endpoint the engine picks, per connection,
 * with the cluster's L4 policy. One hook point serves {@code Socket}, {@code SocketChannel}
 * (blocking, non-blocking, selectors: Netty NIO, the JDK HttpClient) and the socket adaptor: the
 * static {@code sun.nio.ch.Net.connect(ProtocolFamily, FileDescriptor, InetAddress, int)}; {@code
 * Net.pollConnectNow} sees how a pending connect ended, and the sockets' close releases {@code
 * max_connections}. Connects to anything else, endpoint addresses included (L7 hooks connect to the
 * endpoint they chose), go where asked.
 */
public final class JdkNetModule extends InstrumentationModule {
  public JdkNetModule() {
    super("jdk-net");
  }

  /** The JDK classes hooked; none is loaded before premain on JDK 17 or 25. */
  private static final List<String> HOOKED =
      List.of("sun.nio.ch.Net", "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.NioSocketImpl");

  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    preload();
    return List.of(
        type(
            "sun.nio.ch.Net",
            named("connect")
                .and(isStatic())
                .and(takesArguments(4))
                .and(takesArgument(1, FileDescriptor.class))
                .and(takesArgument(2, InetAddress.class)),
            NetAdvice.ConnectAdvice.class.getName()),
        type(
            "sun.nio.ch.Net",
            named("pollConnectNow").and(isStatic()),
            NetAdvice.PollAdvice.class.getName()),
        type(
            "sun.nio.ch.SocketChannelImpl",
            named("finishConnect").and(takesArguments(0)),
            NetAdvice.FinishConnectAdvice.class.getName()),
        type(
            "sun.nio.ch.SocketChannelImpl",
            named("implCloseSelectableChannel").and(takesArguments(0)),
            NetAdvice.CloseAdvice.class.getName()),
        type(
            "sun.nio.ch.NioSocketImpl",
            named("close").and(takesArguments(0)),
            NetAdvice.CloseAdvice.class.getName()));
  }

  private static TypeInstrumentation type(
      String typeName,
      ElementMatcher<? super net.bytebuddy.description.method.MethodDescription> methods,
      String advice) {
    return new TypeInstrumentation() {
      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return named(typeName);
      }

      @Override
      public void transform(TypeTransformer transformer) {
        transformer.applyAdviceToMethod(methods, advice);
      }
    };
  }

  /**
   * Loads (without initialising: no native networking starts in premain) the hooked classes, so
   * they are transformed during installation, where the self-check can see that each one was: a
   * silent miss (as a one-pass retransformation had on JDK 25) would let connects bypass the mesh.
   */
  private static void preload() {
    for (String type : HOOKED) {
      try {
        Class.forName(type, false, null);
      } catch (ClassNotFoundException | LinkageError e) {
        // The self-check reports the type as not instrumented.
      }
    }
  }

  @Override
  public List<String> expectedBootstrapTypes(UnaryOperator<String> settings) {
    return HOOKED;
  }

  @Override
  public void start(UnaryOperator<String> settings) {
    ConnectBridge.install(new MeshConnectSteering());
  }
}
