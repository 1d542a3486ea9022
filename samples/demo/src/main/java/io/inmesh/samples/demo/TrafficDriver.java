package io.inmesh.samples.demo;

import io.inmesh.samples.bookinfo.FlatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Sends requests to productpage (directly on loopback: the demo itself runs without the agent). */
final class TrafficDriver {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final URI page;

  TrafficDriver(int productPagePort) {
    this.page = URI.create("http://127.0.0.1:" + productPagePort + "/productpage");
  }

  /** One request; a failure to reach productpage itself reads as "no answer". */
  Map<String, String> once(String requestId) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(page)
                  .header("x-request-id", requestId)
                  .timeout(Duration.ofSeconds(15))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return FlatJson.read(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of("reviews.status", "0", "reviews.error", "interrupted");
    } catch (Exception e) {
      Map<String, String> failed = new HashMap<>();
      failed.put("reviews.status", "0");
      failed.put("reviews.error", "productpage unreachable: " + e);
      return failed;
    }
  }

  /**
   * Sends {@code requests} requests, {@code concurrency} at a time, ids {@code idPrefix-n}; calls
   * {@code progress} about every two seconds.
   */
  PhaseRecorder run(
      String idPrefix, int requests, int concurrency, Consumer<PhaseRecorder> progress)
      throws InterruptedException {
    PhaseRecorder recorder = new PhaseRecorder(requests);
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    for (int t = 0; t < concurrency; t++) {
      pool.execute(
          () -> {
            int n;
            while ((n = next.getAndIncrement()) < requests
                && !Thread.currentThread().isInterrupted()) {
              String id = idPrefix + "-" + n;
              recorder.record(id, once(id));
            }
          });
    }
    pool.shutdown();
    while (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
      progress.accept(recorder);
    }
    return recorder;
  }
}
