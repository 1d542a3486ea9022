package io.inmesh.samples.bookinfo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The front: {@code GET /productpage} calls {@code http://reviews:9080/reviews/1} and reports what
 * happened in a flat JSON object (always HTTP 200, like bookinfo's page, which shows errors
 * inline):
 *
 * <ul>
 *   <li>{@code reviews.status}: the status reviews answered, 0 if no answer came;
 *   <li>{@code reviews.version}: the version that answered, {@code none} if the answer did not come
 *       from a reviews app (for example a fault the mesh injected);
 *   <li>{@code reviews.millis}, {@code reviews.overloaded}, {@code reviews.error}, {@code
 *       reviews.body} (when no version answered), {@code ratings} (called or not-called), {@code
 *       ratings.status} and {@code ratings.overloaded} as reviews saw them.
 * </ul>
 */
public final class ProductPage extends HttpService {
  private static final int BODY_EXCERPT = 120;
  private final Upstream reviews;

  private ProductPage(int port, URI reviewsBase) throws IOException {
    super("productpage", port);
    this.reviews = new Upstream(reviewsBase);
    route("/productpage", this::page);
  }

  /**
   * Starts the front on 127.0.0.1:{@code port} (0 = any), calling reviews at {@code reviewsBase}
   * (the mesh name {@code http://reviews:9080} in the real app).
   */
  public static ProductPage start(int port, URI reviewsBase) throws IOException {
    ProductPage p = new ProductPage(port, reviewsBase);
    p.start();
    return p;
  }

  private void page(HttpExchange ex) throws IOException {
    Upstream.Result r = reviews.get("/reviews/1", ex.getRequestHeaders());
    Map<String, String> review = FlatJson.read(r.body());
    boolean fromReviews = "reviews".equals(review.get("service"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", "productpage");
    body.put("reviews.status", r.status());
    body.put("reviews.version", fromReviews ? review.get("version") : "none");
    body.put("reviews.millis", r.millis());
    body.put("reviews.overloaded", r.overloaded());
    body.put("ratings", review.getOrDefault("ratings", "unknown"));
    if (review.containsKey("ratings.overloaded")) {
      body.put("ratings.overloaded", true);
    }
    if (review.containsKey("ratings.status")) {
      body.put("ratings.status", Integer.parseInt(review.get("ratings.status")));
    }
    if (!r.error().isEmpty()) {
      body.put("reviews.error", r.error());
    }
    if (!fromReviews && r.status() != 0) {
      String text = r.body() == null ? "" : r.body().strip();
      body.put(
          "reviews.body", text.length() > BODY_EXCERPT ? text.substring(0, BODY_EXCERPT) : text);
    }
    respond(ex, 200, FlatJson.write(body));
  }
}
