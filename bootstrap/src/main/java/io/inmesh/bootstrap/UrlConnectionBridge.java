package io.inmesh.bootstrap;

import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;

/**
 * Bridge of the {@code jdk-urlconnection} hook (the JDK's {@code HttpURLConnection}, http and
 * https). Advice on the connection's public entry points ({@code connect}, {@code getOutputStream},
 * {@code getInputStream}, the header getters, {@code disconnect}) hands mesh calls to the agent,
 * which answers them in place of the method; advice on {@code getNewHttpClient} and {@code
 * HttpClient.openServer} lets the agent name the endpoint each of its attempts connects to.
 */
public final class UrlConnectionBridge {
  /**
   * Nesting guard: an entry point called by another (getResponseCode → getInputStream) or by the
   * agent's own attempts runs untouched.
   */
  public static final CallDepth DEPTH = new CallDepth();

  private static volatile UrlConnectionHook hook;

  private UrlConnectionBridge() {}

  /** Installs the implementation; until then (or with null) every call runs untouched. */
  public static void install(UrlConnectionHook implementation) {
    hook = implementation;
  }

  /**
   * From enter advice of a public entry point: what the method answers instead of running, or null
   * to run it. Always pair with {@link #exit()}.
   */
  public static Outcome enter(
      HttpURLConnection connection, String method, Object arg, boolean connected) {
    if (DEPTH.enter() > 0 || AgentThreads.isBypassed()) {
      return null;
    }
    UrlConnectionHook current = hook;
    return current == null ? null : current.enter(connection, method, arg, connected);
  }

  /** From exit advice of a public entry point, also when it threw. */
  public static void exit() {
    DEPTH.exit();
  }

  /** From enter advice of {@code getNewHttpClient(URL, ...)} (http). */
  public static URL route(URL url) {
    UrlConnectionHook current = hook;
    return current == null ? url : current.route(url);
  }

  /** From enter advice of the https {@code getNewHttpClient(URL, Proxy, int, boolean)}. */
  public static boolean useCache(URL url, boolean useCache) {
    UrlConnectionHook current = hook;
    return current == null ? useCache : current.useCache(url, useCache);
  }

  /** From enter advice of {@code sun.net.www.http.HttpClient.openServer(String, int)}. */
  public static InetSocketAddress server(String host, int port) {
    UrlConnectionHook current = hook;
    return current == null ? null : current.server(host, port);
  }

  /** What an entry point answers in place of running: a value, or an exception to throw. */
  public static final class Outcome {
    private final Object value;
    private final Throwable thrown;

    private Outcome(Object value, Throwable thrown) {
      this.value = value;
      this.thrown = thrown;
    }

    /** Answer {@code value} (null for void methods or an absent header). */
    public static Outcome value(Object value) {
      return new Outcome(value, null);
    }

    /** Throw {@code thrown} (an IOException as the JDK would, or a RuntimeException). */
    public static Outcome thrown(Throwable thrown) {
      return new Outcome(null, thrown);
    }

    public Object value() {
      return value;
    }

    public Throwable thrown() {
      return thrown;
    }
  }
}
