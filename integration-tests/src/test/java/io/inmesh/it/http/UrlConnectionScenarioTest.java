package io.inmesh.it.http;

/** The scenario suite for the JDK's {@code HttpURLConnection} (http), on JDK 17. */
class UrlConnectionScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.UrlConnectionApp";
  }
}
