package io.inmesh.it.http;

import java.util.List;

/** The scenario suite for java.net.http's blocking {@code send}, HTTP/1.1, on JDK 17. */
class JdkHttpClientSendScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.JdkHttpClientApp";
  }

  @Override
  protected List<String> clientArgs() {
    return List.of("send", "http1");
  }
}
