package io.inmesh.instrumentation.apache4;

import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.protocol.HttpContext;

/**
 * On {@code doExecute}: a mesh call is answered by {@link ApacheClassicExecutor} (a response or the
 * exception the app must see) and the original method is skipped; anything else runs as is.
 */
public final class Apache4Advice {
  private Apache4Advice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
  static Object enter(
      @Advice.This CloseableHttpClient client,
      @Advice.Argument(0) HttpHost target,
      @Advice.Argument(1) HttpRequest request,
      @Advice.Argument(2) HttpContext context) {
    return ApacheClassicExecutor.execute(client, target, request, context);
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
