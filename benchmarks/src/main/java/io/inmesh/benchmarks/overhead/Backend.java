package io.inmesh.benchmarks.overhead;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service every variant calls: a JDK HttpServer on 127.0.0.1 answering any GET with a fixed 1
 * KiB body over keep-alive, in its own process so its CPU never lands in a client's figures.
 *
 * <p>It counts requests by first path segment (each variant calls {@code /<variant>}), and {@code
 * GET /_stats} returns those counts as {@code name=count} lines: that is how the harness proves
 * that the mesh variant's calls reached this backend although the client only knew a mesh name.
 *
 * <p>Usage: {@code Backend [--port P] [--threads N]}; prints {@code port=<port>} once listening.
 */
public final class Backend {
  static final String STATS_PATH = "/_stats";
  private static final byte[] BODY = new byte[1024];

  static {
    Arrays.fill(BODY, (byte) 'x');
  }

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  private Backend() {}

  public static void main(String[] args) throws IOException {
    int port = 0;
    int threads = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    // Without it the JDK server's separate header and body writes meet Nagle and the client's
    // delayed ACK: ~40 ms per call instead of ~0.2 ms. Read when the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    Backend backend = new Backend();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.setExecutor(Executors.newFixedThreadPool(threads));
    server.createContext("/", backend::handle);
    server.start();
    System.out.println("port=" + server.getAddress().getPort());
    System.out.flush();
    // Runs until the harness destroys the process (or closes our stdin).
    try {
      while (System.in.read() >= 0) {
        // discard
      }
    } finally {
      server.stop(0);
      System.exit(0);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String path = exchange.getRequestURI().getPath();
      if (STATS_PATH.equals(path)) {
        reply(exchange, stats().getBytes(StandardCharsets.UTF_8));
        return;
      }
      counts.computeIfAbsent(firstSegment(path), k -> new LongAdder()).increment();
      reply(exchange, BODY);
    }
  }

  private static void reply(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private String stats() {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(counts)
        .forEach((k, v) -> text.append(k).append('=').append(v.sum()).append('\n'));
    return text.toString();
  }

  static String firstSegment(String path) {
    int start = path.startsWith("/") ? 1 : 0;
    int end = path.indexOf('/', start);
    return end < 0 ? path.substring(start) : path.substring(start, end);
  }
}
