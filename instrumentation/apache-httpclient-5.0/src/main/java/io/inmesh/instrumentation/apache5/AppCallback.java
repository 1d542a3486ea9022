package io.inmesh.instrumentation.apache5;

import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * The callback of the future the app gets: forwards to the app's own callback and, when the app
 * cancels, releases the mesh call (its breaker counts and metrics).
 */
final class AppCallback<T> implements FutureCallback<T> {
  private final FutureCallback<T> app;
  volatile AsyncMeshExchange<T> exchange;

  AppCallback(FutureCallback<T> app) {
    this.app = app;
  }

  @Override
  public void completed(T result) {
    if (app != null) {
      app.completed(result);
    }
  }

  @Override
  public void failed(Exception cause) {
    if (app != null) {
      app.failed(cause);
    }
  }

  @Override
  public void cancelled() {
    AsyncMeshExchange<T> e = exchange;
    if (e != null) {
      e.cancelled();
    }
    if (app != null) {
      app.cancelled();
    }
  }
}
