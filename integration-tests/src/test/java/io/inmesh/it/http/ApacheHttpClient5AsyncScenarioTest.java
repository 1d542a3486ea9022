package io.inmesh.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * The scenario suite for Apache HttpClient 5.5's async client ({@code HttpAsyncClients}, HTTP/1.1),
 * through {@code execute(SimpleHttpRequest, FutureCallback)} and, for streamed bodies, the
 * producer/consumer form.
 */
class ApacheHttpClient5AsyncScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.ApacheHttpClient5AsyncApp";
  }

  @Override
  protected List<Path> clientClasspath() {
    return ClientLibs.jars("httpclient5-5.5");
  }

  /** Runs before the client stops: all the scenarios above went through the hook unharmed. */
  @AfterAll
  void theHookNeverFailed() {
    assertThat(client.stderr()).doesNotContain("hook apache-httpclient-5.0 failed");
  }
}
