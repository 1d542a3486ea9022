package io.inmesh.instrumentation.jdkhttpclient;

import io.inmesh.engine.LocalReply;
import io.inmesh.model.HeaderValueOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLSession;

/**
 * Answers the app with a {@link LocalReply} (fault abort, overflow, timeout, direct response...) as
 * a real {@link HttpResponse}: the body goes through the app's own {@code BodyHandler}, so {@code
 * ofString}, {@code ofInputStream}, {@code ofByteArray} and custom subscribers all work.
 */
final class LocalResponses {
  private LocalResponses() {}

  static <T> CompletableFuture<HttpResponse<T>> deliver(
      LocalReply reply, HttpResponse.BodyHandler<T> handler, HttpRequest request) {
    byte[] body =
        reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
    HttpHeaders headers = headers(reply, body.length);
    HttpClient.Version version = request.version().orElse(HttpClient.Version.HTTP_1_1);
    int status = reply.status();
    HttpResponse.ResponseInfo info = new Info(status, headers, version);
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
    subscriber.onSubscribe(new OneShot<>(subscriber, body));
    CompletableFuture<HttpResponse<T>> out = new CompletableFuture<>();
    subscriber
        .getBody()
        .whenComplete(
            (value, error) -> {
              if (error != null) {
                out.completeExceptionally(error);
              } else {
                out.complete(new Local<>(status, headers, value, request, version));
              }
            });
    return out;
  }

  private static HttpHeaders headers(LocalReply reply, int length) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HeaderValueOption h : reply.headers()) {
      map.computeIfAbsent(h.name(), k -> new ArrayList<>(1)).add(h.value());
    }
    if (length > 0) {
      map.putIfAbsent("content-type", List.of("text/plain"));
    }
    map.put("content-length", List.of(Integer.toString(length)));
    return HttpHeaders.of(map, (n, v) -> true);
  }

  private record Info(int statusCode, HttpHeaders headers, HttpClient.Version version)
      implements HttpResponse.ResponseInfo {}

  /** Hands the whole body in one item on the first demand, then completes. */
  private static final class OneShot<T> implements Flow.Subscription {
    private final HttpResponse.BodySubscriber<T> subscriber;
    private final byte[] body;
    private boolean done;

    OneShot(HttpResponse.BodySubscriber<T> subscriber, byte[] body) {
      this.subscriber = subscriber;
      this.body = body;
    }

    @Override
    public void request(long n) {
      synchronized (this) {
        if (done) {
          return;
        }
        if (n <= 0) {
          done = true;
          subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
          return;
        }
        done = true;
      }
      if (body.length > 0) {
        subscriber.onNext(List.of(ByteBuffer.wrap(body).asReadOnlyBuffer()));
      }
      subscriber.onComplete();
    }

    @Override
    public synchronized void cancel() {
      done = true;
    }
  }

  /** A response made by the agent. */
  private record Local<T>(
      int statusCode, HttpHeaders headers, T body, HttpRequest request, HttpClient.Version version)
      implements HttpResponse<T> {
    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public String toString() {
      return "(" + request.method() + " " + request.uri() + ") " + statusCode + " (mesh)";
    }
  }
}
