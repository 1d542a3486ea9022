package io.inmesh.it.apps.http;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;

/**
 * A plain Apache HttpClient 5 async application ({@code HttpAsyncClients.custom()}). Calls use
 * {@code execute(SimpleHttpRequest, FutureCallback)} and wait for the callback; a streamed body
 * uses the {@code AsyncRequestProducer}/{@code AsyncResponseConsumer} form with a one-shot entity
 * producer and waits on the returned future. The app's timeout is its response timeout. Apache's
 * own retries (which in 5.x also repeat 429/503 answers) are off, so what the scenarios count is
 * the mesh's retrying alone.
 */
@SuppressWarnings("deprecation") // connect timeout on RequestConfig: per request in 5.1 too
public final class ApacheHttpClient5AsyncApp implements HttpDriver {
  private final CloseableHttpAsyncClient client =
      HttpAsyncClients.custom()
          .setConnectionManager(
              PoolingAsyncClientConnectionManagerBuilder.create()
                  .setMaxConnPerRoute(50)
                  .setMaxConnTotal(200)
                  .build())
          .setDefaultRequestConfig(
              RequestConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS).build())
          .disableRedirectHandling()
          .disableAutomaticRetries()
          .build();

  private ApacheHttpClient5AsyncApp() {
    client.start();
  }

  public static void main(String[] args) throws Exception {
    ClientAppLoop.run(new ApacheHttpClient5AsyncApp());
  }

  @Override
  public DriverReply execute(DriverCall call) throws Exception {
    SimpleHttpRequest request = new SimpleHttpRequest(call.method(), URI.create(call.url()));
    call.headers().forEach(request::setHeader);
    RequestConfig.Builder config = RequestConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS);
    if (call.timeoutMillis() > 0) {
      config.setResponseTimeout(call.timeoutMillis(), TimeUnit.MILLISECONDS);
    }
    request.setConfig(config.build());
    SimpleHttpResponse response;
    if (call.body() != null && call.streamed()) {
      BasicRequestProducer producer =
          new BasicRequestProducer(request, new OneShotBody(call.body()));
      response = unwrap(client.execute(producer, SimpleResponseConsumer.create(), null));
    } else {
      if (call.body() != null) {
        request.setBody(call.body(), ContentType.TEXT_PLAIN);
      }
      Answer answer = new Answer();
      client.execute(request, answer);
      response = unwrap(answer);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : response.getHeaders()) {
      headers.putIfAbsent(h.getName(), h.getValue());
    }
    String body = response.getBody() == null ? "" : response.getBodyText();
    return DriverReply.response(response.getCode(), headers, body);
  }

  private static SimpleHttpResponse unwrap(java.util.concurrent.Future<SimpleHttpResponse> f)
      throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  /** The app's callback, as an app would write one. */
  private static final class Answer extends CompletableFuture<SimpleHttpResponse>
      implements FutureCallback<SimpleHttpResponse> {
    @Override
    public void completed(SimpleHttpResponse result) {
      complete(result);
    }

    @Override
    public void failed(Exception ex) {
      completeExceptionally(ex);
    }

    @Override
    public void cancelled() {
      cancel(false);
    }
  }

  /** A body streamed once, chunked, as from a source that cannot be read again. */
  private static final class OneShotBody implements AsyncEntityProducer {
    private final ByteBuffer bytes;

    OneShotBody(String text) {
      bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public int available() {
      return bytes.remaining();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
      if (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      if (!bytes.hasRemaining()) {
        channel.endStream();
      }
    }

    @Override
    public void failed(Exception cause) {}

    @Override
    public void releaseResources() {}

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public String getContentType() {
      return ContentType.TEXT_PLAIN.toString();
    }

    @Override
    public String getContentEncoding() {
      return null;
    }

    @Override
    public boolean isChunked() {
      return true;
    }

    @Override
    public Set<String> getTrailerNames() {
      return null;
    }
  }
}
