package io.inmesh.benchmarks.overhead;

import java.io.IOException;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** Apache HttpClient 4.5 classic, pooled for the saturation phase's threads, no retries. */
final class ApacheHttpClient4Driver implements HttpDriver {
  private final CloseableHttpClient client =
      HttpClients.custom()
          .setMaxConnPerRoute(16)
          .setMaxConnTotal(16)
          .disableAutomaticRetries()
          .build();

  @Override
  public int get(String url) throws Exception {
    try (CloseableHttpResponse response = client.execute(new HttpGet(url))) {
      EntityUtils.consume(response.getEntity());
      return response.getStatusLine().getStatusCode();
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // Closing at the end of a run: nothing to do about it.
    }
  }
}
