package io.inmesh.benchmarks.overhead;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** OkHttp with a pool large enough for the saturation phase's threads to keep their connections. */
final class OkHttpDriver implements HttpDriver {
  private final OkHttpClient client =
      new OkHttpClient.Builder()
          .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
          .connectTimeout(5, TimeUnit.SECONDS)
          .build();

  @Override
  public int get(String url) throws Exception {
    Request request = new Request.Builder().url(url).get().build();
    try (Response response = client.newCall(request).execute();
        ResponseBody body = response.body()) {
      if (body != null) {
        body.bytes();
      }
      return response.code();
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
