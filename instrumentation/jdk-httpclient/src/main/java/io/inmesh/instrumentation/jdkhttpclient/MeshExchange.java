package io.inmesh.instrumentation.jdkhttpclient;

import io.inmesh.bootstrap.HttpAttempts;
import io.inmesh.bootstrap.HttpPlan;
import io.inmesh.engine.AttemptFailure;
import io.inmesh.engine.HeaderView;
import io.inmesh.engine.LocalReply;
import io.inmesh.engine.MeshCall;
import io.inmesh.instrumentation.api.http.AttemptFailures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Drives one mesh call of java.net.http without blocking a thread: fault delay, then attempts, each
 * the client's own {@code sendAsync} of a {@link RoutedRequest}, with retries after the engine's
 * back-off, and finally the upstream response or a local reply through the app's body handler.
 *
 * <p>The engine decides on the response head inside the attempt's body handler, so a response that
 * will be retried is discarded without reaching the app's handler. The app's own request timeout
 * keeps running across attempts; when it is the shorter one and fires, the app gets the client's
 * own {@code HttpTimeoutException}, as without the agent.
 */
final class MeshExchange<T> {
  /** Where delays and retries run: the default async pool, as java.net.http uses. */
  private static final Executor ASYNC = new CompletableFuture<Void>().defaultExecutor();

  private final RouteTable routes;
  private final Object client;
  private final HttpRequestView view;
  private final HttpResponse.BodyHandler<T> handler;
  private final Object push;
  private final Object executor;
  private final MeshCall call;
  private final long appDeadlineNanos;
  private final CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
  private volatile CompletableFuture<?> attempt;

  MeshExchange(
      RouteTable routes,
      Object client,
      HttpRequestView view,
      HttpResponse.BodyHandler<T> handler,
      Object push,
      Object executor,
      MeshCall call) {
    this.routes = routes;
    this.client = client;
    this.view = view;
    this.handler = handler;
    this.push = push;
    this.executor = executor;
    this.call = call;
    this.appDeadlineNanos =
        view.request().timeout().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    result.whenComplete(
        (r, t) -> {
          if (t instanceof CancellationException) {
            cancel();
          }
        });
  }

  /** Starts the call; the future is what the app's {@code sendAsync} returns. */
  CompletableFuture<HttpResponse<T>> start() {
    long delay = call.delayNanos();
    if (delay > 0) {
      CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, ASYNC)
          .execute(this::afterDelay);
    } else {
      afterDelay();
    }
    return result;
  }

  private void afterDelay() {
    LocalReply local;
    synchronized (this) {
      local = call.localReply();
    }
    if (local != null) {
      reply(local);
    } else {
      attempt();
    }
  }

  private void attempt() {
    if (result.isDone()) {
      return;
    }
    RoutedRequest request;
    boolean appTimeoutBinds;
    try {
      synchronized (this) {
        if (call.beginAttempt() == null) {
          request = null;
          appTimeoutBinds = false;
        } else {
          InetSocketAddress target =
              Endpoints.target(call.endpoint(), view.uri().getHost(), view.secure());
          long attemptNanos = call.attemptTimeoutNanos();
          long appLeft =
              appDeadlineNanos == Long.MAX_VALUE
                  ? Long.MAX_VALUE
                  : Math.max(1, appDeadlineNanos - System.nanoTime());
          appTimeoutBinds = appLeft <= attemptNanos;
          request = RoutedRequest.of(view, call, target, Math.min(appLeft, attemptNanos));
        }
      }
    } catch (Throwable t) {
      fail(t);
      return;
    }
    if (request == null) {
      reply(call.localReply());
      return;
    }
    Decision decision = new Decision();
    CompletableFuture<HttpResponse<T>> sent;
    try {
      sent = OriginalSend.send(client, request, decision, push, executor);
    } catch (Throwable t) {
      routes.release(request);
      fail(t);
      return;
    }
    attempt = sent;
    boolean binds = appTimeoutBinds;
    sent.whenComplete(
        (response, error) -> {
          routes.release(request);
          finishAttempt(decision, response, error, binds);
        });
  }

  private void finishAttempt(
      Decision decision, HttpResponse<T> response, Throwable error, boolean appTimeoutBinds) {
    long next;
    synchronized (this) {
      if (error == null) {
        next = decision.next;
      } else {
        Throwable cause = unwrap(error);
        if (decision.decided) {
          if (decision.next == MeshCall.DELIVER) {
            // The app's handler failed reading the body it was given: that is the app's outcome.
            fail(cause);
            return;
          }
          next = decision.next;
        } else if (cause instanceof HttpConnectTimeoutException) {
          next = call.onFailure(AttemptFailure.CONNECT_FAILURE);
        } else if (cause instanceof HttpTimeoutException) {
          // The client's request timeout, set per attempt to the shorter of ours and the app's.
          if (appTimeoutBinds) {
            call.cancel();
            fail(cause);
            return;
          }
          next = call.onFailure(AttemptFailure.TIMEOUT);
        } else if (cause instanceof IOException) {
          int failure = HttpAttempts.failureOf((IOException) cause);
          if (failure == HttpAttempts.APP_OUTCOME
              || (appTimeoutBinds && failure == HttpPlan.FAILURE_TIMEOUT)) {
            // The app's own verdict (its TLS check refused the endpoint's certificate or name):
            // as without the agent, and never retried on another endpoint.
            call.cancel();
            fail(cause);
            return;
          }
          next = call.onFailure(AttemptFailures.of(failure));
        } else {
          call.cancel();
          fail(cause);
          return;
        }
      }
    }
    if (next == MeshCall.DELIVER) {
      result.complete(new RoutedResponse<>(response, view.request()));
    } else if (next == MeshCall.LOCAL_REPLY) {
      reply(call.localReply());
    } else if (next == 0) {
      ASYNC.execute(this::attempt);
    } else {
      CompletableFuture.delayedExecutor(next, TimeUnit.NANOSECONDS, ASYNC).execute(this::attempt);
    }
  }

  private void reply(LocalReply local) {
    try {
      LocalResponses.deliver(local, handler, view.request())
          .whenComplete(
              (r, t) -> {
                if (t != null) {
                  result.completeExceptionally(unwrap(t));
                } else {
                  result.complete(r);
                }
              });
    } catch (Throwable t) {
      fail(t);
    }
  }

  private void fail(Throwable t) {
    synchronized (this) {
      call.cancel();
    }
    result.completeExceptionally(t);
  }

  private void cancel() {
    synchronized (this) {
      call.cancel();
    }
    CompletableFuture<?> current = attempt;
    if (current != null) {
      current.cancel(true);
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * The attempt's body handler: reports the response head to the engine and either hands the body
   * to the app's handler or discards it (the attempt will be retried or answered locally).
   */
  private final class Decision implements HttpResponse.BodyHandler<T> {
    volatile boolean decided;
    volatile long next = MeshCall.DELIVER;

    @Override
    public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
      long n;
      synchronized (MeshExchange.this) {
        n = call.onResponse(info.statusCode(), -1, new ResponseHeaders(info.headers()));
      }
      next = n;
      decided = true;
      return n == MeshCall.DELIVER
          ? handler.apply(info)
          : HttpResponse.BodySubscribers.replacing(null);
    }
  }

  private record ResponseHeaders(HttpHeaders headers) implements HeaderView {
    @Override
    public String get(String lowerCaseName) {
      return HttpRequestView.joined(headers, lowerCaseName);
    }
  }
}
