package io.inmesh.instrumentation.apache4;

import io.inmesh.bootstrap.HttpRequestInfo;
import java.net.URI;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.HttpUriRequest;

/** The bridge's view of a classic request and its target; reads them, copies nothing. */
final class Apache4RequestInfo implements HttpRequestInfo {
  final HttpHost target;
  final HttpRequest request;
  final URI uri;
  private final int port;

  Apache4RequestInfo(HttpHost target, HttpRequest request) {
    this.target = target;
    this.request = request;
    this.uri =
        request instanceof HttpUriRequest
            ? ((HttpUriRequest) request).getURI()
            : URI.create(request.getRequestLine().getUri());
    int p = target.getPort();
    this.port = p > 0 ? p : "https".equalsIgnoreCase(target.getSchemeName()) ? 443 : 80;
  }

  @Override
  public String scheme() {
    return target.getSchemeName();
  }

  @Override
  public String host() {
    return target.getHostName();
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
    // What Apache's RequestTargetHost will send: the URI's host, else the target's.
    if (uri.isAbsolute() && uri.getHost() != null) {
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
    return target.toHostString();
  }

  @Override
  public String method() {
    return request.getRequestLine().getMethod();
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
    if (!(request instanceof HttpEntityEnclosingRequest)) {
      return true;
    }
    HttpEntity entity = ((HttpEntityEnclosingRequest) request).getEntity();
    return entity == null || entity.isRepeatable();
  }
}
