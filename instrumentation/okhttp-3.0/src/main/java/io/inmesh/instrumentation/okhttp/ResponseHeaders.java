package io.inmesh.instrumentation.okhttp;

import io.inmesh.bootstrap.HttpHeaderReader;
import okhttp3.Response;

/** An attempt's response headers as the plan reads them (retry-on headers, reset back-off). */
final class ResponseHeaders implements HttpHeaderReader {
  private final Response response;

  ResponseHeaders(Response response) {
    this.response = response;
  }

  @Override
  public String header(String lowerCaseName) {
    return response.header(lowerCaseName);
  }
}
