package io.inmesh.instrumentation.jdkhttpclient;

import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * Whether a request body can be sent again for a retry. Only the JDK's own publishers over data it
 * holds (bytes, strings, files, nothing) can; {@code ofInputStream}, {@code fromPublisher} and any
 * other publisher are streams the agent must not resend.
 */
final class ReplayableBodies {
  private ReplayableBodies() {}

  static boolean isReplayable(HttpRequest request) {
    Optional<HttpRequest.BodyPublisher> body = request.bodyPublisher();
    if (body.isEmpty()) {
      return true;
    }
    HttpRequest.BodyPublisher p = body.get();
    if (p.contentLength() == 0) {
      return true;
    }
    for (Class<?> c = p.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      String name = c.getName();
      if (name.startsWith("jdk.internal.net.http.RequestPublishers$")) {
        String kind = name.substring("jdk.internal.net.http.RequestPublishers$".length());
        if (kind.equals("ByteArrayPublisher")
            || kind.equals("StringPublisher")
            || kind.equals("EmptyPublisher")
            || kind.equals("FilePublisher")) {
          return true;
        }
      }
    }
    return false;
  }
}
