package io.inmesh.it.http;

import java.nio.file.Path;
import java.util.List;

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
}
