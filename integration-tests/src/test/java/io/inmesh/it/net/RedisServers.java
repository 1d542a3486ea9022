package io.inmesh.it.net;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real {@code redis-server} processes (Debian's package) on free loopback ports, started by the
 * test and stopped by {@link #close()}. Skips the calling test when redis-server is not installed.
 */
final class RedisServers implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  /** Starts {@code count} servers; the test is skipped when redis-server is missing. */
  static RedisServers start(int count) throws IOException, InterruptedException {
    String binary = find();
    Assumptions.assumeTrue(
        binary != null,
        "redis-server is not installed (apt-get install redis-server; .ci/run does it):"
            + " skipping the Redis steering tests");
    RedisServers servers = new RedisServers();
    try {
      for (int i = 0; i < count; i++) {
        servers.startOne(binary);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      servers.close();
      throw e;
    }
    return servers;
  }

  private static String find() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      File f = new File(dir, "redis-server");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    File sbin = new File("/usr/bin/redis-server");
    return sbin.canExecute() ? sbin.getPath() : null;
  }

  private void startOne(String binary) throws IOException, InterruptedException {
    int port = freePort();
    Process p =
        new ProcessBuilder(
                binary,
                "--port",
                String.valueOf(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--bind",
                "127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    processes.add(p);
    ports.add(port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "redis-server on port " + port + " exited: " + p.exitValue());
      }
      try {
        if (ping(port)) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("redis-server on port " + port + " did not answer in 10 s");
  }

  /** A port nothing listens on now (for dead endpoints too). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  int port(int index) {
    return ports.get(index);
  }

  private static boolean ping(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
