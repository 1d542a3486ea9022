package io.inmesh.instrumentation.apache4;

import io.inmesh.bootstrap.HttpHeaderReader;
import org.apache.http.Header;
import org.apache.http.HttpResponse;

/** An attempt's response headers as the plan reads them. */
final class Apache4ResponseHeaders implements HttpHeaderReader {
  private final HttpResponse response;

  Apache4ResponseHeaders(HttpResponse response) {
    this.response = response;
  }

  @Override
  public String header(String lowerCaseName) {
    Header h = response.getFirstHeader(lowerCaseName);
    return h == null ? null : h.getValue();
  }
}
