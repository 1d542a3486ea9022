package io.inmesh.bootstrap;

import java.net.InetSocketAddress;

/**
 * Bridge of the {@code jdk-httpclient} hook (java.net.http). Advice on the private {@code
 * HttpClientImpl.sendAsync} (which both {@code send} and {@code sendAsync} pass) hands mesh calls
 * to the agent; advice on {@code HttpRequestImpl} lets the agent name the endpoint each attempt
 * connects to.
 */
public final class HttpClientBridge {
  /** Nesting guard: the agent's own attempts re-enter {@code sendAsync} with it raised. */
  public static final CallDepth DEPTH = new CallDepth();

  private static volatile JdkHttpClientHook hook;

  private HttpClientBridge() {}

  /** Installs the implementation; until then (or with null) the hook does nothing. */
  public static void install(JdkHttpClientHook implementation) {
    hook = implementation;
  }

  /**
   * From enter advice of {@code sendAsync}: the future to return instead of running the method, or
   * null to run it. Always pair with {@link #exitSend()}.
   */
  public static Object enterSend(
      Object client, Object request, Object handler, Object push, Object executor) {
    if (DEPTH.enter() > 0 || AgentThreads.isBypassed()) {
      return null;
    }
    JdkHttpClientHook current = hook;
    return current == null ? null : current.sendAsync(client, request, handler, push, executor);
  }

  /** From exit advice of {@code sendAsync}, also when it threw. */
  public static void exitSend() {
    DEPTH.exit();
  }

  /** From exit advice of {@code HttpRequestImpl(HttpRequest, ProxySelector)}. */
  public static void requestCreated(Object requestImpl, Object request) {
    JdkHttpClientHook current = hook;
    if (current != null) {
      current.requestCreated(requestImpl, request);
    }
  }

  /** From enter advice of {@code HttpRequestImpl.getAddress()}: non-null replaces its answer. */
  public static InetSocketAddress address(Object requestImpl) {
    JdkHttpClientHook current = hook;
    return current == null ? null : current.address(requestImpl);
  }
}
