package io.inmesh.instrumentation.okhttp;

import io.inmesh.bootstrap.HttpHeaderWriter;
import okhttp3.Request;

/** Applies a route's header changes to the attempt's copy of the request. */
final class RequestHeaderWriter implements HttpHeaderWriter {
  private final Request.Builder builder;

  RequestHeaderWriter(Request.Builder builder) {
    this.builder = builder;
  }

  @Override
  public void set(String name, String value) {
    builder.header(name, value);
  }

  @Override
  public void append(String name, String value) {
    builder.addHeader(name, value);
  }

  @Override
  public void remove(String name) {
    builder.removeHeader(name);
  }
}
