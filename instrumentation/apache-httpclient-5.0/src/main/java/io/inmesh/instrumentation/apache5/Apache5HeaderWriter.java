package io.inmesh.instrumentation.apache5;

import io.inmesh.bootstrap.HttpHeaderWriter;
import org.apache.hc.core5.http.HttpRequest;

/** Applies a route's header changes to the attempt's copy (never the app's request). */
final class Apache5HeaderWriter implements HttpHeaderWriter {
  private final HttpRequest request;

  Apache5HeaderWriter(HttpRequest request) {
    this.request = request;
  }

  @Override
  public void set(String name, String value) {
    request.setHeader(name, value);
  }

  @Override
  public void append(String name, String value) {
    request.addHeader(name, value);
  }

  @Override
  public void remove(String name) {
    request.removeHeaders(name);
  }
}
