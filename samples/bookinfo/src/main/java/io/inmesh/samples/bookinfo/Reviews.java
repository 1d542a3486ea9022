package io.inmesh.samples.bookinfo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reviews service in one of three versions: v1 answers without ratings, v2 and v3 call {@code
 * http://ratings:9080/ratings/{id}} (v2 shows black stars, v3 red). Every answer says its version.
 * It can fail a share of requests with 503 on purpose, for the retry and ejection demo, and it
 * remembers the request ids it failed so the demo can tell which of them retries saved.
 */
public final class Reviews extends HttpService {
  private final String version;
  private final FailurePattern failures;
  private final Upstream ratings;
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Queue<String> failedIds = new ConcurrentLinkedQueue<>();

  private Reviews(String version, int port, int failPercent, int failBurst, URI ratingsBase)
      throws IOException {
    super("reviews-" + version, port);
    if (!version.matches("v[123]")) {
      throw new IllegalArgumentException("reviews versions are v1, v2 and v3, got " + version);
    }
    this.version = version;
    this.failures = new FailurePattern(failPercent, failBurst);
    this.ratings = new Upstream(ratingsBase);
    route("/reviews/", this::review);
    route("/stats", this::stats);
  }

  /**
   * Starts reviews {@code version} on 127.0.0.1:{@code port} (0 = any), failing {@code failPercent}
   * % of requests with 503 and calling ratings at {@code ratingsBase} (the mesh name {@code
   * http://ratings:9080} in the real app).
   */
  public static Reviews start(String version, int port, int failPercent, URI ratingsBase)
      throws IOException {
    return start(version, port, failPercent, 1, ratingsBase);
  }

  /**
   * As {@link #start(String, int, int, URI)}, with the failures coming {@code failBurst} in a row
   * (the same share overall), so outlier detection sees consecutive 5xx.
   */
  public static Reviews start(
      String version, int port, int failPercent, int failBurst, URI ratingsBase)
      throws IOException {
    Reviews r = new Reviews(version, port, failPercent, failBurst, ratingsBase);
    r.start();
    return r;
  }

  private void review(HttpExchange ex) throws IOException {
    String id = ex.getRequestURI().getPath().substring("/reviews/".length());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", "reviews");
    body.put("version", version);
    if (failures.nextFails()) {
      failed.incrementAndGet();
      String requestId = ex.getRequestHeaders().getFirst("x-request-id");
      if (requestId != null) {
        failedIds.add(requestId);
      }
      body.put("error", "failed on purpose by reviews " + version);
      respond(ex, 503, FlatJson.write(body));
      return;
    }
    body.put("id", id);
    if (version.equals("v1")) {
      body.put("ratings", "not-called");
    } else {
      Upstream.Result r = ratings.get("/ratings/" + id, ex.getRequestHeaders());
      Map<String, String> rating = FlatJson.read(r.body());
      body.put("ratings", "called");
      body.put("ratings.status", r.status());
      body.put("stars", rating.getOrDefault("stars", "unavailable"));
      body.put("color", version.equals("v2") ? "black" : "red");
      if (r.overloaded()) {
        body.put("ratings.overloaded", true);
      }
      if (!r.error().isEmpty()) {
        body.put("ratings.error", r.error());
      }
    }
    served.incrementAndGet();
    respond(ex, 200, FlatJson.write(body));
  }

  private void stats(HttpExchange ex) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    body.put("served", served.get());
    body.put("failed", failed.get());
    body.put("failedIds", String.join(" ", failedIds));
    respond(ex, 200, FlatJson.write(body));
  }
}
