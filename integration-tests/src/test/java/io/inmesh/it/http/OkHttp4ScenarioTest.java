package io.inmesh.it.http;

import java.nio.file.Path;
import java.util.List;

/** The scenario suite for OkHttp 4.12.0 (the newest 4.x), blocking {@code execute}. */
class OkHttp4ScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.OkHttpApp";
  }

  @Override
  protected List<String> clientArgs() {
    return List.of("sync");
  }

  @Override
  protected List<Path> clientClasspath() {
    return ClientLibs.jars("okhttp-4");
  }
}
