package io.inmesh.instrumentation.okhttp;

import io.inmesh.bootstrap.HttpRequestInfo;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The bridge's view of an OkHttp {@code Request}; reads it, copies nothing. */
final class OkHttpRequestInfo implements HttpRequestInfo {
  private final Request request;
  private final HttpUrl url;

  OkHttpRequestInfo(Request request) {
    this.request = request;
    this.url = request.url();
  }

  @Override
  public String scheme() {
    return url.scheme();
  }

  @Override
  public String host() {
    return url.host();
  }

  @Override
  public int port() {
    return url.port();
  }

  @Override
  public String authority() {
    String explicit = request.header("Host");
    if (explicit != null) {
      return explicit;
    }
    // What OkHttp's BridgeInterceptor will send.
    String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  @Override
  public String method() {
    return request.method();
  }

  @Override
  public String path() {
    String p = url.encodedPath();
    return p.isEmpty() ? "/" : p;
  }

  @Override
  public String query() {
    return url.encodedQuery();
  }

  @Override
  public String header(String lowerCaseName) {
    List<String> values = request.headers(lowerCaseName);
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(",", values);
  }

  @Override
  public boolean bodyReplayable() {
    RequestBody body = request.body();
    return body == null || !(body.isOneShot() || body.isDuplex());
  }
}
