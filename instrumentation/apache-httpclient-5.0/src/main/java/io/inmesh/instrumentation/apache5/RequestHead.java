package io.inmesh.instrumentation.apache5;

import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads the head an async request producer would send: {@code BasicRequestProducer} hands its
 * request and entity to the channel and does nothing else, so asking it twice is harmless.
 */
final class RequestHead implements RequestChannel {
  HttpRequest request;
  EntityDetails entity;

  @Override
  public void sendRequest(HttpRequest request, EntityDetails entity, HttpContext context) {
    this.request = request;
    this.entity = entity;
  }
}
