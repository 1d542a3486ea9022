package io.inmesh.it.http;

import java.nio.file.Path;
import java.util.List;

/**
 * The scenario suite for Apache HttpClient 4.5 (4.5.0, the oldest 4.5), classic {@code execute}.
 */
class ApacheHttpClient4OldestScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.ApacheHttpClient4App";
  }

  @Override
  protected List<Path> clientClasspath() {
    return ClientLibs.jars("httpclient-4.5.0");
  }
}
