package io.inmesh.it.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upstream services of the scenarios: named HTTP/1.1 servers on 127.0.0.1 (the JDK's
 * HttpServer) that answer {@code x-backend: <name>} and record what they received, with a behaviour
 * a test can change (status, delay).
 */
public final class Backends implements AutoCloseable {
  static {
    // The JDK server writes a response's head and body in two writes; without TCP_NODELAY the
    // second waits for the client's delayed ACK, ~40 ms per call on Linux loopback, which made
    // sequential scenarios wait seconds for nothing. Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final Map<String, Backend> byName = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newCachedThreadPool(daemon());

  /** Starts (or returns) the backend called {@code name}. */
  public Backend start(String name) throws IOException {
    Backend existing = byName.get(name);
    if (existing != null) {
      return existing;
    }
    Backend b = new Backend(name, executor, HttpServer.create(loopback(), 100));
    byName.put(name, b);
    return b;
  }

  /** Starts (or returns) the backend called {@code name}, serving https with {@code tls}. */
  public Backend startTls(String name, javax.net.ssl.SSLContext tls) throws IOException {
    Backend existing = byName.get(name);
    if (existing != null) {
      return existing;
    }
    com.sun.net.httpserver.HttpsServer server =
        com.sun.net.httpserver.HttpsServer.create(loopback(), 100);
    server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
    Backend b = new Backend(name, executor, server);
    byName.put(name, b);
    return b;
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** A loopback port nothing listens on (connects are refused). */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    byName.values().forEach(Backend::stop);
    executor.shutdownNow();
  }

  /** One recorded request. */
  public record Received(
      String method,
      String path,
      String query,
      String host,
      Map<String, List<String>> headers,
      String body) {
    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** One named backend. */
  public static final class Backend {
    private final String name;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile int status = 200;
    private volatile long delayMillis;

    Backend(String name, ExecutorService executor, HttpServer server) {
      this.name = name;
      this.server = server;
      server.createContext("/", this::handle);
      server.setExecutor(executor);
      server.start();
    }

    public String name() {
      return name;
    }

    public int port() {
      return server.getAddress().getPort();
    }

    /** Answer every request with {@code code} from now on. */
    public Backend status(int code) {
      status = code;
      return this;
    }

    /** Wait this long before answering, from now on. */
    public Backend delayMillis(long millis) {
      delayMillis = millis;
      return this;
    }

    /** Requests received since start (or the last {@link #reset()}). */
    public int count() {
      return count.get();
    }

    /** The most requests handled at once. */
    public int maxInFlight() {
      return maxInFlight.get();
    }

    public List<Received> received() {
      return List.copyOf(received);
    }

    public Received last() {
      List<Received> r = received();
      return r.isEmpty() ? null : r.get(r.size() - 1);
    }

    /** Forgets what was received and goes back to answering 200 at once. */
    public Backend reset() {
      received.clear();
      count.set(0);
      maxInFlight.set(0);
      status = 200;
      delayMillis = 0;
      return this;
    }

    public void stop() {
      server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(
            new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Host"),
                Map.copyOf(lowerCase(exchange.getRequestHeaders())),
                body));
        count.incrementAndGet();
        long delay = delayMillis;
        if (delay > 0) {
          Thread.sleep(delay);
        }
        byte[] out = (name + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-backend", name);
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(out);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
        exchange.close();
      }
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
      Map<String, List<String>> out = new java.util.HashMap<>();
      headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
      return out;
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "backend-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
