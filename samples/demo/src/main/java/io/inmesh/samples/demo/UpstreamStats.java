package io.inmesh.samples.demo;

import io.inmesh.samples.bookinfo.FlatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What each reviews instance saw, read from its {@code /stats} (directly on loopback, not through
 * the mesh): requests served and failed on purpose, and the request ids it failed.
 */
final class UpstreamStats {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One instance's counters at one moment. */
  record Counters(long served, long failed, Set<String> failedIds) {
    long hits() {
      return served + failed;
    }
  }

  /** Reads every instance; {@code ports} maps version to its port. */
  Map<String, Counters> read(Map<String, Integer> ports) throws Exception {
    Map<String, Counters> out = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : ports.entrySet()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.getValue() + "/stats"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Map<String, String> stats = FlatJson.read(r.body());
      String ids = stats.getOrDefault("failedIds", "");
      out.put(
          e.getKey(),
          new Counters(
              Long.parseLong(stats.getOrDefault("served", "0")),
              Long.parseLong(stats.getOrDefault("failed", "0")),
              ids.isBlank() ? Set.of() : new HashSet<>(Arrays.asList(ids.split(" ")))));
    }
    return out;
  }

  /** Requests each version received between two readings. */
  static Map<String, Long> hitsBetween(Map<String, Counters> before, Map<String, Counters> after) {
    Map<String, Long> out = new LinkedHashMap<>();
    after.forEach((v, c) -> out.put(v, c.hits() - before.get(v).hits()));
    return out;
  }

  /** Request ids failed on purpose between two readings, over all versions. */
  static Set<String> failedBetween(Map<String, Counters> before, Map<String, Counters> after) {
    Set<String> out = new HashSet<>();
    after.forEach(
        (v, c) -> {
          Set<String> ids = new HashSet<>(c.failedIds());
          ids.removeAll(before.get(v).failedIds());
          out.addAll(ids);
        });
    return out;
  }
}
