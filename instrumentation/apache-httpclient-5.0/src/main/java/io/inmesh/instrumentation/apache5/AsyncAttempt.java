package io.inmesh.instrumentation.apache5;

import io.inmesh.bootstrap.HttpPlan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One attempt of an async mesh call: its completion callback, its timeout task on {@link
 * AsyncScheduler}, and (as {@link #consumer}) the response consumer Apache feeds, which asks the
 * plan on the response head and either hands everything on to the app's consumer or discards the
 * body.
 *
 * <p>Exactly one of response head, failure and timeout decides the attempt ({@link #state}); the
 * exchange moves on from it exactly once ({@link #proceeded}).
 */
final class AsyncAttempt<T> implements FutureCallback<T>, Runnable {
  private static final int OPEN = 0;
  private static final int DECIDED = 1;
  private static final int TIMED_OUT = 2;

  private final AsyncMeshExchange<T> exchange;
  private final AsyncResponseConsumer<T> app;
  private final AtomicInteger state = new AtomicInteger(OPEN);
  private final AtomicBoolean proceeded = new AtomicBoolean();
  private volatile long next = HttpPlan.LOCAL_REPLY;
  private volatile boolean delivering;
  private volatile FutureCallback<T> discarded;
  private volatile Future<?> timer;
  private volatile Future<?> exchangeFuture;
  final Consumer consumer = new Consumer();

  AsyncAttempt(AsyncMeshExchange<T> exchange, AsyncResponseConsumer<T> app) {
    this.exchange = exchange;
    this.app = app;
  }

  void timer(Future<?> timeout) {
    timer = timeout;
  }

  /** The future of the attempt's {@code execute}; cancelled if the timeout came first. */
  void started(Future<?> future) {
    exchangeFuture = future;
    if (state.get() == TIMED_OUT) {
      future.cancel(true);
    }
  }

  /** The attempt never started ({@code execute} threw): it decides nothing. */
  void abandon() {
    state.set(DECIDED);
    proceeded.set(true);
    stopTimer();
  }

  private void stopTimer() {
    Future<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }

  private void proceed(long decision) {
    if (proceeded.compareAndSet(false, true)) {
      exchange.proceed(decision);
    }
  }

  // ---- The timeout ----

  @Override
  public void run() {
    if (state.compareAndSet(OPEN, TIMED_OUT)) {
      long n = exchange.onFailure(HttpPlan.FAILURE_TIMEOUT);
      next = n;
      Future<?> f = exchangeFuture;
      if (f != null) {
        f.cancel(true);
      }
      proceed(n);
    }
  }

  // ---- The attempt's completion ----

  @Override
  public void completed(T result) {
    if (delivering) {
      exchange.delivered(result);
    } else if (state.get() != OPEN) {
      proceed(next);
    }
  }

  @Override
  public void failed(Exception cause) {
    if (delivering) {
      exchange.fail(cause, true);
    } else if (state.compareAndSet(OPEN, DECIDED)) {
      stopTimer();
      long n = exchange.attemptFailed(cause);
      if (n != AsyncMeshExchange.ENDED) {
        next = n;
        proceed(n);
      }
    } else {
      // Decided already: the discarded body broke off, or the timeout cancelled the attempt.
      proceed(next);
    }
  }

  @Override
  public void cancelled() {
    if (!delivering && state.get() != OPEN) {
      proceed(next);
    }
  }

  /** The attempt's response consumer. */
  final class Consumer implements AsyncResponseConsumer<T> {

    @Override
    public void consumeResponse(
        HttpResponse response, EntityDetails entity, HttpContext context, FutureCallback<T> result)
        throws HttpException, IOException {
      if (state.compareAndSet(OPEN, DECIDED)) {
        stopTimer();
        long n = exchange.onResponse(response);
        next = n;
        if (n == HttpPlan.DELIVER) {
          delivering = true;
          app.consumeResponse(response, entity, context, result);
          return;
        }
      }
      // Retried or answered locally: read the body to its end so the connection can be reused.
      if (entity == null) {
        result.completed(null);
      } else {
        discarded = result;
      }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context)
        throws HttpException, IOException {
      if (state.get() == OPEN || delivering) {
        app.informationResponse(response, context);
      }
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
      if (delivering) {
        app.updateCapacity(channel);
      } else {
        channel.update(Integer.MAX_VALUE);
      }
    }

    @Override
    public void consume(ByteBuffer data) throws IOException {
      if (delivering) {
        app.consume(data);
      } else {
        data.position(data.limit());
      }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
      if (delivering) {
        app.streamEnd(trailers);
        return;
      }
      FutureCallback<T> r = discarded;
      if (r != null) {
        discarded = null;
        r.completed(null);
      }
    }

    @Override
    public void failed(Exception cause) {
      if (delivering) {
        app.failed(cause);
      }
    }

    @Override
    public void releaseResources() {
      if (delivering) {
        app.releaseResources();
      }
    }
  }
}
