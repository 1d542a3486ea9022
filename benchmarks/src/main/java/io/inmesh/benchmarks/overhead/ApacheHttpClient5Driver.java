package io.inmesh.benchmarks.overhead;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;

/** Apache HttpClient 5 classic, pooled for the saturation phase's threads, no retries. */
final class ApacheHttpClient5Driver implements HttpDriver {
  private final CloseableHttpClient client =
      HttpClients.custom()
          .setConnectionManager(
              PoolingHttpClientConnectionManagerBuilder.create()
                  .setMaxConnPerRoute(16)
                  .setMaxConnTotal(16)
                  .build())
          .disableAutomaticRetries()
          .build();

  @Override
  public int get(String url) throws Exception {
    return client.execute(
        new HttpGet(url),
        response -> {
          EntityUtils.consume(response.getEntity());
          return response.getCode();
        });
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }
}
