package io.inmesh.bootstrap;

import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;

/** The implementation slot type of {@link UrlConnectionBridge}, installed by the agent. */
public interface UrlConnectionHook {
  /**
   * The app called the public method {@code method} ({@code connect}, {@code getInputStream},
   * {@code getHeaderField}...) of {@code connection}; {@code arg} is its argument (a header name or
   * a boxed index) or null. Returns what the method must answer instead of running, or null to let
   * it run.
   */
  UrlConnectionBridge.Outcome enter(
      HttpURLConnection connection, String method, Object arg, boolean connected);

  /** An http attempt asks for its client: the URL to connect to instead, or {@code url}. */
  URL route(URL url);

  /** An https attempt to {@code url} asks for its client: whether it may take a cached one. */
  boolean useCache(URL url, boolean useCache);

  /** A client opens its socket to {@code host:port}: the address to use instead, or null. */
  InetSocketAddress server(String host, int port);
}
