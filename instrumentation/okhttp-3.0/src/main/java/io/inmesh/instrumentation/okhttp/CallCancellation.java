package io.inmesh.instrumentation.okhttp;

import io.inmesh.bootstrap.HttpAttempts;
import okhttp3.Call;

/** An OkHttp call's cancel as a back-off sleep watches it. */
final class CallCancellation implements HttpAttempts.Cancellation {
  private final Call call;

  CallCancellation(Call call) {
    this.call = call;
  }

  @Override
  public boolean canceled() {
    return call.isCanceled();
  }
}
