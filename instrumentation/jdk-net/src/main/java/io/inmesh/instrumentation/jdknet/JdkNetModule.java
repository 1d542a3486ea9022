package io.inmesh.instrumentation.jdknet;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.inmesh.bootstrap.ConnectBridge;
import io.inmesh.instrumentation.api.InstrumentationModule;
import io.inmesh.instrumentation.api.NamedTypes;
import io.inmesh.instrumentation.api.TypeInstrumentation;
import io.inmesh.instrumentation.api.TypeTransformer;
import java.io.FileDescriptor;
import java.net.InetAddress;
import java.util.List;
import java.util.function.UnaryOperator;

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

  /**
   * The JDK classes hooked. None is loaded before premain on JDK 17 or 25, so the first socket of
   * the application loads them through the agent's gate, hooked.
   */
  private static final List<String> HOOKED =
      List.of("sun.nio.ch.Net", "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.NioSocketImpl");

  @Override
  public List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings) {
    // Method matchers are built in transform(), on the installer thread: built here, before main,
    // their class literals would load ByteBuddy's type descriptions on the application's time.
    return List.of(
        new NamedTypes("sun.nio.ch.Net") {
          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                named("connect")
                    .and(isStatic())
                    .and(takesArguments(4))
                    .and(takesArgument(1, FileDescriptor.class))
                    .and(takesArgument(2, InetAddress.class)),
                NetAdvice.ConnectAdvice.class.getName());
            transformer.applyAdviceToMethod(
                named("pollConnectNow").and(isStatic()), NetAdvice.PollAdvice.class.getName());
          }
        },
        new NamedTypes("sun.nio.ch.SocketChannelImpl") {
          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                named("finishConnect").and(takesArguments(0)),
                NetAdvice.FinishConnectAdvice.class.getName());
            transformer.applyAdviceToMethod(
                named("implCloseSelectableChannel").and(takesArguments(0)),
                NetAdvice.CloseAdvice.class.getName());
          }
        },
        new NamedTypes("sun.nio.ch.NioSocketImpl") {
          @Override
          public void transform(TypeTransformer transformer) {
            transformer.applyAdviceToMethod(
                named("close").and(takesArguments(0)), NetAdvice.CloseAdvice.class.getName());
          }
        });
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
