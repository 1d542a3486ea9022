package io.inmesh.instrumentation.apache5;

import org.apache.hc.core5.concurrent.BasicFuture;
import org.apache.hc.core5.concurrent.FutureCallback;

/** Hands a result (the attempt's or a local reply's) to the future the app holds. */
final class ToFuture<T> implements FutureCallback<T> {
  private final BasicFuture<T> future;

  ToFuture(BasicFuture<T> future) {
    this.future = future;
  }

  @Override
  public void completed(T result) {
    future.completed(result);
  }

  @Override
  public void failed(Exception cause) {
    future.failed(cause);
  }

  @Override
  public void cancelled() {
    future.cancel();
  }
}
