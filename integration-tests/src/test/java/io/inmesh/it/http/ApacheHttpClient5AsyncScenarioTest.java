package io.inmesh.it.http;

import java.nio.file.Path;
import java.util.List;

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
}
