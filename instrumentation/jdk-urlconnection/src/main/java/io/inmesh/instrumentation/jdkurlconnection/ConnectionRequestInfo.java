package io.inmesh.instrumentation.jdkurlconnection;

import io.inmesh.bootstrap.HttpRequestInfo;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Locale;

/** The bridge's view of an app's {@link HttpURLConnection} before it connects. */
final class ConnectionRequestInfo implements HttpRequestInfo {
  private final HttpURLConnection connection;
  private final URL url;
  private final boolean replayable;

  ConnectionRequestInfo(HttpURLConnection connection, boolean replayable) {
    this.connection = connection;
    this.url = connection.getURL();
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
    return connection.getRequestMethod().toUpperCase(Locale.ROOT);
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
    return connection.getRequestProperty(lowerCaseName);
  }
}
