package io.inmesh.instrumentation.apache5;

import io.inmesh.bootstrap.HttpRequestInfo;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.net.URIAuthority;

/**
 * The bridge's view of a request (classic, or the head an async producer sends) and its target;
 * reads them, copies nothing.
 */
final class Apache5RequestInfo implements HttpRequestInfo {
  final HttpRequest request;
  private final boolean replayable;
  private final String scheme;
  private final String host;
  private final int port;
  private final String pathAndQuery;

  private Apache5RequestInfo(
      HttpRequest request, boolean replayable, String scheme, String host, int explicitPort) {
    this.request = request;
    this.replayable = replayable;
    this.scheme = scheme;
    this.host = host;
    this.port = explicitPort > 0 ? explicitPort : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    String p = request.getPath();
    this.pathAndQuery = p == null || p.isEmpty() ? "/" : p;
  }

  /**
   * The call's view, or null when it names no host (a relative request without target: the client
   * will fail it on its own).
   */
  static Apache5RequestInfo of(HttpHost target, ClassicHttpRequest request) {
    HttpEntity entity = request.getEntity();
    return of(target, request, entity == null || entity.isRepeatable());
  }

  /**
   * As {@link #of(HttpHost, ClassicHttpRequest)} for a request whose body is elsewhere; {@code
   * replayable}: whether that body can be sent again.
   */
  static Apache5RequestInfo of(HttpHost target, HttpRequest request, boolean replayable) {
    if (target != null) {
      return new Apache5RequestInfo(
          request, replayable, target.getSchemeName(), target.getHostName(), target.getPort());
    }
    URIAuthority authority = request.getAuthority();
    if (authority == null || authority.getHostName() == null) {
      return null;
    }
    String scheme = request.getScheme() == null ? "http" : request.getScheme();
    return new Apache5RequestInfo(
        request, replayable, scheme, authority.getHostName(), authority.getPort());
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String authority() {
    Header explicit = request.getFirstHeader("Host");
    if (explicit != null) {
      return explicit.getValue();
    }
    // What the client's RequestTargetHost will send: the request's authority, else the target's.
    URIAuthority a = request.getAuthority();
    if (a != null) {
      return a.getPort() < 0 ? a.getHostName() : a.getHostName() + ":" + a.getPort();
    }
    return port == ("https".equalsIgnoreCase(scheme) ? 443 : 80) ? host : host + ":" + port;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
  }

  @Override
  public String query() {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? null : pathAndQuery.substring(q + 1);
  }

  @Override
  public String header(String lowerCaseName) {
    Header[] all = request.getHeaders(lowerCaseName);
    if (all.length == 0) {
      return null;
    }
    if (all.length == 1) {
      return all[0].getValue();
    }
    StringBuilder joined = new StringBuilder(all[0].getValue());
    for (int i = 1; i < all.length; i++) {
      joined.append(',').append(all[i].getValue());
    }
    return joined.toString();
  }

  @Override
  public boolean bodyReplayable() {
    return replayable;
  }
}
