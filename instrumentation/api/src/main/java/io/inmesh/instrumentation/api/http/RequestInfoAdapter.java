package io.inmesh.instrumentation.api.http;

import io.inmesh.bootstrap.HttpRequestInfo;
import io.inmesh.engine.HeaderView;
import io.inmesh.engine.OutboundRequest;

/** The engine's view of a bridge request: straight delegation, nothing copied. */
final class RequestInfoAdapter implements OutboundRequest, HeaderView {
  private final HttpRequestInfo info;

  RequestInfoAdapter(HttpRequestInfo info) {
    this.info = info;
  }

  @Override
  public String scheme() {
    return info.scheme();
  }

  @Override
  public String host() {
    return info.host();
  }

  @Override
  public int port() {
    return info.port();
  }

  @Override
  public String authority() {
    return info.authority();
  }

  @Override
  public String method() {
    return info.method();
  }

  @Override
  public String path() {
    return info.path();
  }

  @Override
  public String query() {
    return info.query();
  }

  @Override
  public HeaderView headers() {
    return this;
  }

  @Override
  public String get(String lowerCaseName) {
    return info.header(lowerCaseName);
  }

  @Override
  public boolean bodyReplayable() {
    return info.bodyReplayable();
  }
}
