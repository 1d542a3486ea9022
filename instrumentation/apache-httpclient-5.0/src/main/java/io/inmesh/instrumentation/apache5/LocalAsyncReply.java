package io.inmesh.instrumentation.apache5;

import io.inmesh.bootstrap.HttpPlan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The plan's local reply fed through the app's own response consumer, as if a sidecar had sent it:
 * the app gets whatever its consumer builds ({@code SimpleHttpResponse} and the like).
 */
final class LocalAsyncReply {
  private final BasicHttpResponse response;
  private final byte[] body;

  private LocalAsyncReply(BasicHttpResponse response, byte[] body) {
    this.response = response;
    this.body = body;
  }

  /** Reads the plan's local reply (under the exchange's lock: the plan is not thread-safe). */
  static LocalAsyncReply of(HttpPlan plan) {
    int status = plan.localStatus();
    BasicHttpResponse r =
        new BasicHttpResponse(
            status, EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH));
    String[] headers = plan.localHeaders();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      r.addHeader(headers[i], headers[i + 1]);
    }
    String text = plan.localBody();
    byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    r.setHeader("content-length", Integer.toString(body.length));
    if (body.length > 0) {
      r.setHeader("content-type", "text/plain");
    }
    return new LocalAsyncReply(r, body);
  }

  /** Feeds the reply to the app's consumer, whose result goes to {@code result}. */
  <T> void deliver(AsyncResponseConsumer<T> consumer, HttpContext context, FutureCallback<T> result)
      throws HttpException, IOException {
    EntityDetails entity =
        body.length > 0 ? new BasicEntityDetails(body.length, ContentType.TEXT_PLAIN) : null;
    HttpContext ctx = context != null ? context : new BasicHttpContext();
    // Without an entity the consumer completes in consumeResponse and expects nothing more.
    consumer.consumeResponse(response, entity, ctx, result);
    if (entity != null) {
      consumer.updateCapacity(IgnoredCapacity.INSTANCE);
      consumer.consume(ByteBuffer.wrap(body));
      consumer.streamEnd(null);
    }
  }

  /** The body is handed over whole: the consumer's flow-control window is not needed. */
  static final class IgnoredCapacity implements CapacityChannel {
    static final IgnoredCapacity INSTANCE = new IgnoredCapacity();

    @Override
    public void update(int increment) {}
  }
}
