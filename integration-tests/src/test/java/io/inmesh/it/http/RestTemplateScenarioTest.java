package io.inmesh.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.it.apps.http.DriverReply;
import io.inmesh.it.apps.http.RestTemplateApp;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spring's RestTemplate over HttpURLConnection ({@code SimpleClientHttpRequestFactory}): the core
 * scenarios (HttpURLConnection itself runs them all in {@link UrlConnectionScenarioTest}), plus how
 * Spring maps the mesh's local replies.
 */
class RestTemplateScenarioTest extends AbstractHttpClientScenarioTest {
  @Override
  protected String clientMainClass() {
    return "io.inmesh.it.apps.http.RestTemplateApp";
  }

  /** spring-web and what it needs at run time, from this test's own class path. */
  @Override
  protected List<Path> clientClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("/org/springframework/") || e.contains("/io/micrometer/"))
        .map(Path::of)
        .toList();
  }

  @Override
  protected boolean fullSuite() {
    return false;
  }

  @Test
  void faultAbortReachesTheAppAsSpringsServerErrorException() throws Exception {
    Backends.Backend a = backends.start("spring-abort-a");
    mesh.service("spring-abort", 9080)
        .faultAbort(503, 100)
        .route(MeshRoute.prefix("/").to("spring-abort"));
    mesh.cluster("spring-abort", a.port());
    apply();

    DriverReply r = get("http://spring-abort:9080/x");

    assertThat(r.status()).as(r.toString()).isEqualTo(503);
    assertThat(r.headers().get(RestTemplateApp.EXCEPTION_HEADER))
        .isEqualTo("org.springframework.web.client.HttpServerErrorException$ServiceUnavailable");
    assertThat(r.body()).isEqualTo("fault filter abort");
    assertThat(a.count()).isZero();
  }

  @Test
  void directResponse404ReachesTheAppAsSpringsNotFound() throws Exception {
    mesh.service("spring-direct", 9080)
        .route(MeshRoute.prefix("/").directResponse(404, "nothing here"));
    apply();

    DriverReply r = get("http://spring-direct:9080/missing");

    assertThat(r.status()).as(r.toString()).isEqualTo(404);
    assertThat(r.headers().get(RestTemplateApp.EXCEPTION_HEADER))
        .isEqualTo("org.springframework.web.client.HttpClientErrorException$NotFound");
    assertThat(r.body()).isEqualTo("nothing here");
  }
}
