package io.inmesh.it.http;

import java.nio.file.Path;
import java.util.List;

/** The scenario suite for Apache HttpClient 5.5, classic {@code execute}. */
class ApacheHttpClient5ScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.ApacheHttpClient5App";
  }

  @Override
  protected List<Path> clientClasspath() {
    return ClientLibs.jars("httpclient5-5.5");
  }
}
