package io.inmesh.samples.bookinfo;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls another service by its name with the JDK's HttpClient, exactly as an app that knows nothing
 * of the mesh would. Without the agent, {@code http://reviews:9080} does not resolve.
 */
final class Upstream {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final URI base;

  /**
   * @param base e.g. {@code http://reviews:9080}
   */
  Upstream(URI base) {
    this.base = base;
  }

  /** GETs {@code path}, passing on the propagated headers of {@code incoming}; never throws. */
  Result get(String path, Headers incoming) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
    for (String name : HttpService.PROPAGATED) {
      String value = incoming.getFirst(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Result(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("x-envoy-overloaded").isPresent(),
          millisSince(start),
          "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(0, "", false, millisSince(start), "interrupted");
    } catch (Exception e) {
      String what = e.getClass().getSimpleName();
      String error = e.getMessage() == null ? what : what + ": " + e.getMessage();
      return new Result(0, "", false, millisSince(start), error);
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /**
   * What came back.
   *
   * @param status the HTTP status, 0 when no response came
   * @param overloaded whether Envoy's overflow marker {@code x-envoy-overloaded} was set
   * @param error empty, or what went wrong when no response came
   */
  record Result(int status, String body, boolean overloaded, long millis, String error) {}
}
