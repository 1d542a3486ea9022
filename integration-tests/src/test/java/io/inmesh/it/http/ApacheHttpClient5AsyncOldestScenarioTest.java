package io.inmesh.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/** The core scenarios for Apache HttpClient 5.1.3's async client (the oldest 5.x tested). */
class ApacheHttpClient5AsyncOldestScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.ApacheHttpClient5AsyncApp";
  }

  @Override
  protected List<Path> clientClasspath() {
    return ClientLibs.jars("httpclient5-5.1.3");
  }

  @Override
  protected boolean fullSuite() {
    return false;
  }

  /** Runs before the client stops: all the scenarios above went through the hook unharmed. */
  @AfterAll
  void theHookNeverFailed() {
    assertThat(client.stderr()).doesNotContain("hook apache-httpclient-5.0 failed");
  }
}
