package io.inmesh.instrumentation.apache5;

import io.inmesh.bootstrap.HttpBridge;
import io.inmesh.bootstrap.HttpPlan;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.ComplexFuture;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncPushConsumer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Entry of the async hook: decides whether a call is the mesh's and hands it to an {@link
 * AsyncMeshExchange}. Planning never blocks (the caller may be a reactor thread running a
 * callback): a name the mesh has not answered for yet is decided when the control plane answers,
 * and the call then goes on from {@link AsyncScheduler}.
 */
public final class Apache5AsyncExecutor {
  private Apache5AsyncExecutor() {}

  /**
   * Null: not a mesh call, run {@code doExecute} as is. Otherwise the future the app gets.
   *
   * <p>Only {@code BasicRequestProducer}s (what {@code SimpleHttpRequest}s and {@code
   * AsyncRequestBuilder} make) are planned: reading their head is side-effect free, so a call that
   * passes through is sent exactly as before. Other producers pass through.
   */
  public static <T> Future<T> execute(
      CloseableHttpAsyncClient client,
      HttpHost target,
      AsyncRequestProducer producer,
      AsyncResponseConsumer<T> consumer,
      HandlerFactory<AsyncPushConsumer> push,
      HttpContext context,
      FutureCallback<T> callback) {
    if (HttpBridge.DEPTH.current() > 0
        || !(producer instanceof BasicRequestProducer)
        || consumer == null) {
      return null;
    }
    RequestHead head = new RequestHead();
    try {
      producer.sendRequest(head, context);
    } catch (Exception e) {
      return null; // the client will meet the same failure and report it as usual
    }
    if (head.request == null) {
      return null;
    }
    Apache5RequestInfo info =
        Apache5RequestInfo.of(target, head.request, head.entity == null || producer.isRepeatable());
    if (info == null) {
      return null;
    }
    CompletableFuture<HttpPlan> planned = HttpBridge.startAsync(info);
    if (planned == null) {
      return null;
    }
    if (planned.isDone()) {
      HttpPlan plan = planned.isCompletedExceptionally() ? null : planned.join();
      if (plan == null) {
        return null;
      }
      Call<T> call = new Call<>(client, target, info, head, producer, consumer, push, context);
      return call.begin(callback, plan);
    }
    Call<T> call = new Call<>(client, target, info, head, producer, consumer, push, context);
    ComplexFuture<T> result = call.future(callback);
    planned.whenCompleteAsync(call, AsyncScheduler.EXECUTOR);
    return result;
  }

  /** One call's parts, and what runs once a plan for a name new to the mesh arrives. */
  static final class Call<T> implements BiConsumer<HttpPlan, Throwable> {
    private final CloseableHttpAsyncClient client;
    private final HttpHost target;
    private final Apache5RequestInfo info;
    private final RequestHead head;
    private final AsyncRequestProducer producer;
    private final AsyncResponseConsumer<T> consumer;
    private final HandlerFactory<AsyncPushConsumer> push;
    private final HttpContext context;
    private AppCallback<T> appCallback;
    private ComplexFuture<T> result;

    Call(
        CloseableHttpAsyncClient client,
        HttpHost target,
        Apache5RequestInfo info,
        RequestHead head,
        AsyncRequestProducer producer,
        AsyncResponseConsumer<T> consumer,
        HandlerFactory<AsyncPushConsumer> push,
        HttpContext context) {
      this.client = client;
      this.target = target;
      this.info = info;
      this.head = head;
      this.producer = producer;
      this.consumer = consumer;
      this.push = push;
      this.context = context;
    }

    ComplexFuture<T> future(FutureCallback<T> callback) {
      appCallback = new AppCallback<>(callback);
      result = new ComplexFuture<>(appCallback);
      return result;
    }

    ComplexFuture<T> begin(FutureCallback<T> callback, HttpPlan plan) {
      future(callback);
      start(plan);
      return result;
    }

    private void start(HttpPlan plan) {
      AsyncMeshExchange<T> exchange =
          new AsyncMeshExchange<>(
              client, info, head.entity, producer, consumer, push, context, plan, result);
      appCallback.exchange = exchange;
      if (result.isCancelled()) {
        exchange.cancelled();
        return;
      }
      exchange.start();
    }

    /** The plan for a name new to the mesh arrived (on the scheduler). */
    @Override
    public void accept(HttpPlan plan, Throwable error) {
      if (plan != null) {
        start(plan);
        return;
      }
      if (result.isDone()) {
        return;
      }
      // Not the mesh's after all: send it as the app asked, past our hook.
      HttpBridge.DEPTH.enter();
      try {
        result.setDependency(
            client.execute(target, producer, consumer, push, context, new ToFuture<T>(result)));
      } catch (RuntimeException e) {
        result.failed(e);
      } finally {
        HttpBridge.DEPTH.exit();
      }
    }
  }
}
