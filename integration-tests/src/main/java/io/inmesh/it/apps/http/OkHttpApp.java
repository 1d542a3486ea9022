package io.inmesh.it.apps.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * A plain OkHttp application, written only against API that OkHttp 3.14, 4.x and 5.x share, so the
 * same class runs with each version's jars on its class path. Args: {@code sync|async}, and {@code
 * own-tls} for an app with its own TLS ({@link OwnTls}) whose {@code HostnameVerifier} accepts
 * every name.
 */
public final class OkHttpApp implements HttpDriver {
  private static final MediaType TEXT = MediaType.parse("text/plain; charset=utf-8");

  private final OkHttpClient client;
  private final boolean async;

  OkHttpApp(boolean async, OwnTls ownTls) {
    this.async = async;
    OkHttpClient.Builder b =
        new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS).followRedirects(false);
    if (ownTls != null) {
      b.sslSocketFactory(ownTls.context().getSocketFactory(), ownTls.trustManager());
      b.hostnameVerifier((hostname, session) -> true);
    }
    this.client = b.build();
  }

  public static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    OwnTls ownTls = options.contains("own-tls") ? OwnTls.load() : null;
    ClientAppLoop.run(new OkHttpApp(options.contains("async"), ownTls));
  }

  @Override
  public DriverReply execute(DriverCall call) throws Exception {
    Request.Builder b = new Request.Builder().url(call.url());
    call.headers().forEach(b::header);
    RequestBody body = null;
    if (call.body() != null) {
      body = call.streamed() ? new OneShotBody(call.body()) : RequestBody.create(TEXT, call.body());
    }
    b.method(call.method(), body);
    Call c = client.newCall(b.build());
    if (call.timeoutMillis() > 0) {
      c.timeout().timeout(call.timeoutMillis(), TimeUnit.MILLISECONDS);
    }
    try (Response response = async ? enqueue(c) : c.execute()) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (String name : response.headers().names()) {
        headers.put(name, response.header(name));
      }
      return DriverReply.response(response.code(), headers, response.body().string());
    }
  }

  private static Response enqueue(Call c) throws Exception {
    java.util.concurrent.CompletableFuture<Response> done =
        new java.util.concurrent.CompletableFuture<>();
    c.enqueue(
        new okhttp3.Callback() {
          @Override
          public void onFailure(Call call, IOException e) {
            done.completeExceptionally(e);
          }

          @Override
          public void onResponse(Call call, Response response) {
            done.complete(response);
          }
        });
    try {
      return done.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** A body OkHttp may send only once, as a streamed upload is. */
  private static final class OneShotBody extends RequestBody {
    private final byte[] bytes;

    OneShotBody(String text) {
      bytes = text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public MediaType contentType() {
      return TEXT;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.write(bytes);
    }

    @Override
    public boolean isOneShot() {
      return true;
    }
  }
}
