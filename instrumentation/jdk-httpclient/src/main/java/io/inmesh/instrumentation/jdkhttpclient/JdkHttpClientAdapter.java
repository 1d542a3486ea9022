package io.inmesh.instrumentation.jdkhttpclient;

import io.inmesh.bootstrap.JdkHttpClientHook;
import io.inmesh.engine.MeshCall;
import io.inmesh.engine.MeshEngine;
import io.inmesh.instrumentation.api.MeshAccess;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The agent side of {@link io.inmesh.bootstrap.HttpClientBridge}: plans each call with the engine
 * and, for mesh calls, replaces the client's future with a {@link MeshExchange}'s.
 *
 * <p>A blocking {@code send} (no executor) may wait for the engine's first answer about a new name,
 * as the engine allows for blocking callers; {@code sendAsync} never blocks: a name not known yet
 * is decided when the control plane answers.
 */
final class JdkHttpClientAdapter implements JdkHttpClientHook {
  private final RouteTable routes = new RouteTable();

  @Override
  public Object sendAsync(
      Object client, Object request, Object handler, Object push, Object executor) {
    MeshEngine engine = MeshAccess.engine();
    if (engine == null
        || !(request instanceof HttpRequest r)
        || r instanceof RoutedRequest
        || !(handler instanceof HttpResponse.BodyHandler<?> h)) {
      return null;
    }
    HttpRequestView view = HttpRequestView.of(r);
    if (view == null) {
      return null;
    }
    if (executor == null) {
      MeshCall call = engine.start(view);
      return call == null ? null : exchange(client, view, h, push, executor, call).start();
    }
    CompletableFuture<MeshCall> planned = engine.startAsync(view);
    if (planned.isDone()) {
      MeshCall call = planned.getNow(null);
      return call == null ? null : exchange(client, view, h, push, executor, call).start();
    }
    return later(planned, client, view, h, push, executor);
  }

  /** A name the engine is still asking the control plane about: decide when it answers. */
  private <T> CompletableFuture<HttpResponse<T>> later(
      CompletableFuture<MeshCall> planned,
      Object client,
      HttpRequestView view,
      HttpResponse.BodyHandler<T> handler,
      Object push,
      Object executor) {
    CompletableFuture<HttpResponse<T>> out = new CompletableFuture<>();
    planned.whenComplete(
        (call, error) -> {
          CompletableFuture<HttpResponse<T>> next;
          try {
            next =
                call == null
                    ? OriginalSend.send(client, view.request(), handler, push, executor)
                    : exchange(client, view, handler, push, executor, call).start();
          } catch (Throwable t) {
            out.completeExceptionally(t);
            return;
          }
          next.whenComplete(
              (r, t) -> {
                if (t != null) {
                  out.completeExceptionally(t);
                } else {
                  out.complete(r);
                }
              });
        });
    return out;
  }

  private <T> MeshExchange<T> exchange(
      Object client,
      HttpRequestView view,
      HttpResponse.BodyHandler<T> handler,
      Object push,
      Object executor,
      MeshCall call) {
    return new MeshExchange<>(routes, client, view, handler, push, executor, call);
  }

  @Override
  public void requestCreated(Object requestImpl, Object request) {
    routes.requestCreated(requestImpl, request);
  }

  @Override
  public InetSocketAddress address(Object requestImpl) {
    return routes.address(requestImpl);
  }
}
