package io.inmesh.instrumentation.jdkhttpclient;

import io.inmesh.engine.HeaderView;
import io.inmesh.engine.OutboundRequest;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;

/** The engine's view of a java.net.http request, read in place. */
final class HttpRequestView implements OutboundRequest, HeaderView {
  private final HttpRequest request;
  private final URI uri;
  private final boolean secure;
  private final String host;
  private final int port;

  private HttpRequestView(HttpRequest request, URI uri, boolean secure, String host, int port) {
    this.request = request;
    this.uri = uri;
    this.secure = secure;
    this.host = host;
    this.port = port;
  }

  /** A view of {@code request}, or null when it is not an absolute http(s) URL with a host. */
  static HttpRequestView of(HttpRequest request) {
    URI uri = request.uri();
    String scheme = uri == null ? null : uri.getScheme();
    if (scheme == null) {
      return null;
    }
    boolean secure;
    if (scheme.equalsIgnoreCase("http")) {
      secure = false;
    } else if (scheme.equalsIgnoreCase("https")) {
      secure = true;
    } else {
      return null;
    }
    String host = uri.getHost();
    if (host == null) {
      return null;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort();
    if (port == -1) {
      port = secure ? 443 : 80;
    }
    return new HttpRequestView(request, uri, secure, host, port);
  }

  HttpRequest request() {
    return request;
  }

  URI uri() {
    return uri;
  }

  boolean secure() {
    return secure;
  }

  @Override
  public String scheme() {
    return secure ? "https" : "http";
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  /** The {@code Host} header java.net.http sends: the URI's host, with the port unless default. */
  @Override
  public String authority() {
    int p = uri.getPort();
    String h = uri.getHost();
    boolean defaultPort = p == -1 || p == (secure ? 443 : 80);
    return defaultPort ? h : h + ":" + p;
  }

  @Override
  public String method() {
    return request.method();
  }

  @Override
  public String path() {
    String p = uri.getRawPath();
    return p == null || p.isEmpty() ? "/" : p;
  }

  @Override
  public String query() {
    return uri.getRawQuery();
  }

  @Override
  public HeaderView headers() {
    return this;
  }

  @Override
  public String get(String lowerCaseName) {
    return joined(request.headers(), lowerCaseName);
  }

  static String joined(HttpHeaders headers, String name) {
    List<String> values = headers.allValues(name);
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(",", values);
  }

  @Override
  public boolean bodyReplayable() {
    return ReplayableBodies.isReplayable(request);
  }
}
