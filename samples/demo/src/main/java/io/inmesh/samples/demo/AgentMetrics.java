package io.inmesh.samples.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Scrapes the Prometheus endpoint each agent serves inside its app ({@code
 * MESH_METRICS=prometheus:<port>}, on 127.0.0.1) and sums the processes' counters.
 */
final class AgentMetrics {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * Reads every process; {@code ports} maps a process name to its metrics port. A process that
   * cannot be read makes the whole reading unreadable (a partial sum would under-count quietly).
   */
  AgentCounters read(Map<String, Integer> ports) throws InterruptedException {
    AgentCounters sum = new AgentCounters(null, 0, Map.of(), Map.of(), Map.of());
    for (Map.Entry<String, Integer> e : ports.entrySet()) {
      URI uri = URI.create("http://127.0.0.1:" + e.getValue() + "/metrics");
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          return AgentCounters.unreadable(
              e.getKey() + "'s agent answered " + r.statusCode() + " at " + uri);
        }
        sum = sum.plus(AgentCounters.of(PrometheusText.parse(r.body())));
      } catch (IOException | IllegalArgumentException ex) {
        return AgentCounters.unreadable("cannot scrape " + e.getKey() + " at " + uri + ": " + ex);
      }
    }
    return sum;
  }
}
