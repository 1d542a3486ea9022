package io.inmesh.instrumentation.apache5;

import io.inmesh.bootstrap.HttpHeaderReader;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpMessage;

/** An attempt's response headers as the plan reads them. */
final class Apache5ResponseHeaders implements HttpHeaderReader {
  private final HttpMessage response;

  Apache5ResponseHeaders(HttpMessage response) {
    this.response = response;
  }

  @Override
  public String header(String lowerCaseName) {
    Header h = response.getFirstHeader(lowerCaseName);
    return h == null ? null : h.getValue();
  }
}
