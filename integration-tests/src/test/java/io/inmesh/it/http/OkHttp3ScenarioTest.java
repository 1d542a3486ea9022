package io.inmesh.it.http;

import java.nio.file.Path;
import java.util.List;

/** The scenario suite for OkHttp 3.14.9, the oldest supported version, blocking {@code execute}. */
class OkHttp3ScenarioTest extends AbstractHttpClientScenarioTest {
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
    return ClientLibs.jars("okhttp-3");
  }
}
