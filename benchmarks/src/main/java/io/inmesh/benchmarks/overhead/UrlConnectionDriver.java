package io.inmesh.benchmarks.overhead;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/** HttpURLConnection, whose JDK keep-alive cache reuses the connection when the body is read. */
final class UrlConnectionDriver implements HttpDriver {
  @Override
  public int get(String url) throws Exception {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setConnectTimeout(5_000);
    int status = connection.getResponseCode();
    try (InputStream body =
        status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      if (body != null) {
        body.readAllBytes();
      }
    }
    return status;
  }
}
