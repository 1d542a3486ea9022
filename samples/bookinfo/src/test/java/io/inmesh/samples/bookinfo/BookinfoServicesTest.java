package io.inmesh.samples.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the services in-process, wired to each other by loopback addresses instead of mesh names
 * (there is no agent here).
 */
class BookinfoServicesTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> started = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : started) {
      c.close();
    }
  }

  @Test
  void v1AnswersWithoutRatingsAndV2V3CallRatings() throws Exception {
    Ratings ratings = keep(Ratings.start(0));
    for (String version : List.of("v1", "v2", "v3")) {
      Reviews reviews = keep(Reviews.start(version, 0, 0, local(ratings)));
      ProductPage page = keep(ProductPage.start(0, local(reviews)));
      Map<String, String> answer = get(page, "/productpage", "r-" + version);
      assertThat(answer)
          .containsEntry("reviews.status", "200")
          .containsEntry("reviews.version", version)
          .containsEntry("ratings", version.equals("v1") ? "not-called" : "called")
          .doesNotContainKey("reviews.error");
      if (!version.equals("v1")) {
        assertThat(answer).containsEntry("ratings.status", "200");
      }
    }
    assertThat(get(ratings, "/stats", "s")).containsEntry("served", "2");
  }

  @Test
  void reviewsFailsItsShareWith503AndRemembersTheRequestIds() throws Exception {
    Reviews reviews = keep(Reviews.start("v1", 0, 50, URI.create("http://127.0.0.1:1")));
    ProductPage page = keep(ProductPage.start(0, local(reviews)));
    int failedSeen = 0;
    for (int i = 0; i < 10; i++) {
      Map<String, String> answer = get(page, "/productpage", "req-" + i);
      if (answer.get("reviews.status").equals("503")) {
        failedSeen++;
        assertThat(answer).containsEntry("reviews.version", "v1");
      }
    }
    assertThat(failedSeen).isEqualTo(5);
    Map<String, String> stats = get(reviews, "/stats", "s");
    assertThat(stats).containsEntry("served", "5").containsEntry("failed", "5");
    assertThat(stats.get("failedIds").split(" "))
        .containsExactly(
            "req-1", "req-3", "req-5", "req-7", "req-9"); // the first request of a pattern succeeds
  }

  @Test
  void anAnswerThatIsNotFromReviewsIsReportedAsSuch() throws Exception {
    // What a mesh-injected abort looks like from the app: a 503 with Envoy's local reply body.
    HttpServer fake =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext(
        "/",
        ex -> {
          byte[] body = "fault filter abort".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("x-envoy-overloaded", "true");
          ex.sendResponseHeaders(503, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    fake.start();
    started.add(() -> fake.stop(0));
    ProductPage page =
        keep(ProductPage.start(0, URI.create("http://127.0.0.1:" + fake.getAddress().getPort())));
    assertThat(get(page, "/productpage", "x"))
        .containsEntry("reviews.status", "503")
        .containsEntry("reviews.version", "none")
        .containsEntry("reviews.overloaded", "true")
        .containsEntry("reviews.body", "fault filter abort");
  }

  @Test
  void withoutTheMeshTheServiceNameDoesNotReachAnything() throws Exception {
    ProductPage page = keep(ProductPage.start(0, Bookinfo.REVIEWS));
    Map<String, String> answer = get(page, "/productpage", "x");
    assertThat(answer)
        .containsEntry("reviews.status", "0")
        .containsEntry("reviews.version", "none");
    assertThat(answer.get("reviews.error")).isNotBlank();
  }

  @Test
  void everyServiceAnswersHealth() throws Exception {
    Ratings ratings = keep(Ratings.start(0));
    assertThat(get(ratings, "/health", "h")).containsEntry("status", "ok");
  }

  private <T extends AutoCloseable> T keep(T service) {
    started.add(service);
    return service;
  }

  private static URI local(HttpService s) {
    return URI.create("http://127.0.0.1:" + s.port());
  }

  private Map<String, String> get(HttpService s, String path, String requestId) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(local(s).resolve(path))
                .header("x-request-id", requestId)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return FlatJson.read(r.body());
  }
}
