package io.inmesh.instrumentation.apache5;

import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * On {@code doExecute}: a mesh call is answered by {@link Apache5ClassicExecutor} (a response or
 * the exception the app must see) and the original method is skipped; anything else runs as is.
 */
public final class Apache5Advice {
  private Apache5Advice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
  static Object enter(
      @Advice.This CloseableHttpClient client,
      @Advice.Argument(0) HttpHost target,
      @Advice.Argument(1) ClassicHttpRequest request,
      @Advice.Argument(2) HttpContext context) {
    return Apache5ClassicExecutor.execute(client, target, request, context);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object outcome,
      @Advice.Return(readOnly = false) CloseableHttpResponse response,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (outcome instanceof CloseableHttpResponse) {
      response = (CloseableHttpResponse) outcome;
      thrown = null;
    } else if (outcome instanceof Throwable) {
      thrown = (Throwable) outcome;
    }
  }
}
