package io.inmesh.it.apps.http;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A plain java.net.http application. Args: {@code send|async} and {@code http1|http2} (HTTP/2 over
 * {@code http://} is h2c: upgrade from HTTP/1.1, as the JDK client does).
 */
public final class JdkHttpClientApp implements HttpDriver {
  private final HttpClient client;
  private final boolean async;

  JdkHttpClientApp(boolean async, HttpClient.Version version) {
    this.async = async;
    this.client =
        HttpClient.newBuilder()
            .version(version)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public static void main(String[] args) throws Exception {
    boolean async = args.length > 0 && args[0].equals("async");
    HttpClient.Version version =
        args.length > 1 && args[1].equals("http2")
            ? HttpClient.Version.HTTP_2
            : HttpClient.Version.HTTP_1_1;
    ClientAppLoop.run(new JdkHttpClientApp(async, version));
  }

  @Override
  public DriverReply execute(DriverCall call) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.url()));
    call.headers().forEach(b::header);
    if (call.timeoutMillis() > 0) {
      b.timeout(Duration.ofMillis(call.timeoutMillis()));
    }
    HttpRequest.BodyPublisher body;
    if (call.body() == null) {
      body = HttpRequest.BodyPublishers.noBody();
    } else if (call.streamed()) {
      byte[] bytes = call.body().getBytes(StandardCharsets.UTF_8);
      body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    } else {
      body = HttpRequest.BodyPublishers.ofString(call.body());
    }
    b.method(call.method(), body);
    HttpRequest request = b.build();
    HttpResponse<String> response;
    if (async) {
      try {
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get();
      } catch (ExecutionException e) {
        // What an async app handles is the cause; report that, as for send().
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    } else {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
      headers.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
    }
    return DriverReply.response(response.statusCode(), headers, response.body());
  }
}
