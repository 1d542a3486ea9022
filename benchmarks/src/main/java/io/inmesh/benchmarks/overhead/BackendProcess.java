package io.inmesh.benchmarks.overhead;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@link Backend} child process, shared by every variant of a session. */
final class BackendProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final HttpClient stats = HttpClient.newHttpClient();

  private BackendProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static BackendProcess start(String java, String classpath, int threads, Path log)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                classpath,
                Backend.class.getName(),
                "--threads",
                Integer.toString(threads)));
    Forks.cleanEnvironment(builder.environment());
    builder.redirectError(log.toFile());
    Process process = builder.start();
    try {
      String line = Forks.awaitLine(process, "port=", Duration.ofSeconds(30));
      return new BackendProcess(process, Integer.parseInt(line.substring("port=".length())));
    } catch (IOException | RuntimeException e) {
      Forks.stop(process);
      throw e;
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Requests served so far, by first path segment. */
  Map<String, Long> counts() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Backend.STATS_PATH)).build();
    String body = stats.send(request, HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Long> counts = new HashMap<>();
    body.lines()
        .filter(l -> l.contains("="))
        .forEach(
            l ->
                counts.put(
                    l.substring(0, l.indexOf('=')),
                    Long.parseLong(l.substring(l.indexOf('=') + 1))));
    return counts;
  }

  @Override
  public void close() {
    Forks.stop(process);
  }
}
