package io.inmesh.it.http;

import java.util.List;

/**
 * The scenario suite for java.net.http's {@code sendAsync} with {@code HTTP_2} preferred, on JDK
 * 17. Over {@code http://} the client offers an h2c upgrade; the loopback backends (the JDK's
 * HttpServer) decline it, so the exchanges themselves are HTTP/1.1.
 */
class JdkHttpClientAsyncScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.JdkHttpClientApp";
  }

  @Override
  protected List<String> clientArgs() {
    return List.of("async", "http2");
  }

  /** The send/HTTP 1.1 variant on JDK 17 runs every scenario; this one runs the core set. */
  @Override
  protected boolean fullSuite() {
    return false;
  }
}
