package io.inmesh.instrumentation.apache5;

import java.io.IOException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One attempt's producer: sends the attempt's head (endpoint-bound copy) and the app's body, read
 * from the app's producer. The app's producer is told it failed only when the whole call fails, not
 * when one attempt does.
 */
final class AttemptProducer implements AsyncRequestProducer {
  private final HttpRequest head;
  private final EntityDetails entity;
  private final AsyncRequestProducer app;

  AttemptProducer(HttpRequest head, EntityDetails entity, AsyncRequestProducer app) {
    this.head = head;
    this.entity = entity;
    this.app = app;
  }

  @Override
  public void sendRequest(RequestChannel channel, HttpContext context)
      throws HttpException, IOException {
    channel.sendRequest(head, entity, context);
  }

  @Override
  public boolean isRepeatable() {
    return app.isRepeatable();
  }

  @Override
  public int available() {
    return app.available();
  }

  @Override
  public void produce(DataStreamChannel channel) throws IOException {
    app.produce(channel);
  }

  @Override
  public void failed(Exception cause) {
    // The call may go on with another attempt; see AsyncMeshExchange#fail.
  }

  @Override
  public void releaseResources() {
    // Rewinds the app's repeatable body for a next attempt, as Apache's own retry does.
    app.releaseResources();
  }
}
