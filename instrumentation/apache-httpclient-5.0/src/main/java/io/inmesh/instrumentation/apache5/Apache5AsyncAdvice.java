package io.inmesh.instrumentation.apache5;

import java.util.concurrent.Future;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncPushConsumer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * On the async {@code doExecute}: a mesh call is taken over by {@link Apache5AsyncExecutor}, whose
 * future the app gets, and the original method is skipped; anything else runs as is.
 */
public final class Apache5AsyncAdvice {
  private Apache5AsyncAdvice() {}

  @SuppressWarnings({"rawtypes", "unchecked"}) // one T for consumer and callback, as in doExecute
  @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
  static Future<?> enter(
      @Advice.This CloseableHttpAsyncClient client,
      @Advice.Argument(0) HttpHost target,
      @Advice.Argument(1) AsyncRequestProducer producer,
      @Advice.Argument(2) AsyncResponseConsumer consumer,
      @Advice.Argument(3) HandlerFactory<AsyncPushConsumer> pushHandlerFactory,
      @Advice.Argument(4) HttpContext context,
      @Advice.Argument(5) FutureCallback callback) {
    return Apache5AsyncExecutor.execute(
        client, target, producer, consumer, pushHandlerFactory, context, callback);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(
      @Advice.Enter Future<?> taken, @Advice.Return(readOnly = false) Future<?> result) {
    if (taken != null) {
      result = taken;
    }
  }
}
