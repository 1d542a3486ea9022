package io.inmesh.instrumentation.jdkurlconnection;

import io.inmesh.bootstrap.HttpRequestInfo;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Locale;

/**
 * The bridge's view of an app's {@link HttpURLConnection} before it connects.
 *
 * <p>It holds the connection weakly: the plan keeps this view for the whole call, the adapter keeps
 * the plan in a weak map keyed by the connection, and a strong reference from value to key would
 * keep every mesh connection, and its call, for the life of the JVM (~1 KB a call in the overhead
 * benchmark). While the app still reads headers through this view, it holds the connection itself.
 */
final class ConnectionRequestInfo implements HttpRequestInfo {
  private final WeakReference<HttpURLConnection> connection;
  private final URL url;
  private final String method;
  private final boolean replayable;

  ConnectionRequestInfo(HttpURLConnection connection, boolean replayable) {
    this.connection = new WeakReference<>(connection);
    this.url = connection.getURL();
    // Fixed once the app makes the connection send, which is when a call is planned.
    this.method = connection.getRequestMethod().toUpperCase(Locale.ROOT);
    this.replayable = replayable;
  }

  @Override
  public String scheme() {
    return url.getProtocol();
  }

  @Override
  public String host() {
    return Steering.host(url);
  }

  @Override
  public int port() {
    return url.getPort() == -1 ? url.getDefaultPort() : url.getPort();
  }

  /** As the JDK writes {@code Host}: the port only when the URL names a non-default one. */
  @Override
  public String authority() {
    int port = url.getPort();
    return port == -1 || port == url.getDefaultPort() ? url.getHost() : url.getHost() + ":" + port;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String path() {
    String path = url.getPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  @Override
  public String query() {
    return url.getQuery();
  }

  @Override
  public boolean bodyReplayable() {
    return replayable;
  }

  @Override
  public String header(String lowerCaseName) {
    HttpURLConnection app = connection.get();
    return app == null ? null : app.getRequestProperty(lowerCaseName);
  }
}
