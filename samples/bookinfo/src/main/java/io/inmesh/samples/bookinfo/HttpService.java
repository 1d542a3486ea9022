package io.inmesh.samples.bookinfo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared shell of every sample service: a JDK HttpServer on 127.0.0.1 with a {@code /health}
 * endpoint and an orderly stop.
 */
public abstract class HttpService implements AutoCloseable {
  /** Headers a request carries through the call chain, as bookinfo propagates tracing headers. */
  static final String[] PROPAGATED = {"x-request-id", "end-user"};

  private final HttpServer server;
  private final ExecutorService workers;

  protected HttpService(String name, int port) throws IOException {
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            32,
            r -> {
              Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    server.setExecutor(workers);
    server.createContext("/health", ex -> respond(ex, 200, "{\"status\":\"ok\"}"));
  }

  /** Registers a handler; call before {@link #start()}. */
  protected final void route(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(
        path,
        ex -> {
          try {
            handler.handle(ex);
          } catch (RuntimeException | IOException e) {
            respond(ex, 500, FlatJson.write(java.util.Map.of("error", e.toString())));
          }
        });
  }

  protected final void start() {
    server.start();
  }

  /** The port the service listens on. */
  public final int port() {
    return server.getAddress().getPort();
  }

  protected static void respond(HttpExchange ex, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
