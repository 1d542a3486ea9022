package io.inmesh.benchmarks.overhead;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's haproxy on loopback standing in for a sidecar proxy: HTTP mode, keep-alive on both
 * sides, one backend server. Started by the harness with a generated config and stopped at the end.
 * Its own CPU time is read from /proc so the report can show what the hop costs beside the client.
 */
final class HaproxyProcess implements AutoCloseable {
  private static final List<Path> KNOWN = List.of(Path.of("/usr/sbin/haproxy"));

  private final Process process;
  private final int port;

  private HaproxyProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The haproxy binary on PATH or in /usr/sbin, or null when it is not installed. */
  static Path find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "haproxy"))) {
        return Path.of(dir, "haproxy");
      }
    }
    return KNOWN.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  static HaproxyProcess start(Path binary, int listenPort, int backendPort, Path workDir)
      throws IOException, InterruptedException {
    Path config = workDir.resolve("haproxy.cfg");
    Files.writeString(config, config(listenPort, backendPort));
    ProcessBuilder builder =
        new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("haproxy.log").toFile());
    Process process = builder.start();
    HaproxyProcess haproxy = new HaproxyProcess(process, listenPort);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!haproxy.accepts()) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        haproxy.close();
        throw new IOException(
            "haproxy did not start listening on 127.0.0.1:"
                + listenPort
                + "; see "
                + workDir.resolve("haproxy.log"));
      }
      Thread.sleep(20);
    }
    return haproxy;
  }

  static String config(int listenPort, int backendPort) {
    return """
        global
          maxconn 4096
        defaults
          mode http
          option http-keep-alive
          timeout connect 5s
          timeout client 60s
          timeout server 60s
          timeout http-keep-alive 60s
        frontend sidecar
          bind 127.0.0.1:%d
          default_backend service
        backend service
          http-reuse always
          server backend 127.0.0.1:%d
        """
        .formatted(listenPort, backendPort);
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  int port() {
    return port;
  }

  /** haproxy's CPU time so far (user + system; 10 ms resolution). */
  long cpuNanos() throws IOException {
    return ProcStatus.cpuNanos(process.pid());
  }

  @Override
  public void close() {
    Forks.stop(process);
  }
}
