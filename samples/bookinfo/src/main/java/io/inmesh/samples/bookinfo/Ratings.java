package io.inmesh.samples.bookinfo;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The ratings service: {@code GET /ratings/{id}} answers a star rating. */
public final class Ratings extends HttpService {
  private final AtomicLong served = new AtomicLong();

  private Ratings(int port) throws IOException {
    super("ratings", port);
    route(
        "/ratings/",
        ex -> {
          served.incrementAndGet();
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("service", "ratings");
          body.put("id", ex.getRequestURI().getPath().substring("/ratings/".length()));
          body.put("stars", 4);
          respond(ex, 200, FlatJson.write(body));
        });
    route("/stats", ex -> respond(ex, 200, FlatJson.write(Map.of("served", served.get()))));
  }

  /** Starts ratings on 127.0.0.1:{@code port} (0 = any). */
  public static Ratings start(int port) throws IOException {
    Ratings r = new Ratings(port);
    r.start();
    return r;
  }
}
