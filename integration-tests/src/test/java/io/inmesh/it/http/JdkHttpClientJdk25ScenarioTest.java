package io.inmesh.it.http;

import java.util.List;

/** The scenario suite for java.net.http's blocking {@code send} on the newest JDK, 25. */
class JdkHttpClientJdk25ScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.JdkHttpClientApp";
  }

  @Override
  protected List<String> clientArgs() {
    return List.of("send", "http1");
  }

  @Override
  protected int jdkFeature() {
    return 25;
  }

  /** The send/HTTP 1.1 variant on JDK 17 runs every scenario; this one runs the core set. */
  @Override
  protected boolean fullSuite() {
    return false;
  }
}
