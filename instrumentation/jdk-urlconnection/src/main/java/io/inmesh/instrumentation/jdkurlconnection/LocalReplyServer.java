package io.inmesh.instrumentation.jdkurlconnection;

import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.MeshLog;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the mesh's local replies (fault aborts, 503 overflow, 504 timeouts, direct responses) to
 * HttpURLConnection over loopback.
 *
 * <p>Why a server: the app must see a local reply exactly as a response of its connection — status
 * line, headers, body through {@code getInputStream}/{@code getErrorStream}, the JDK's own
 * exceptions for 4xx/5xx. Writing that state into the connection's private fields would tie the
 * agent to JDK internals that change between releases; pointing an ordinary JDK connection at a
 * responder of our own makes the JDK build all of it, on every version. It costs one loopback round
 * trip, only on the local-reply path. The responder runs on agent threads (never steered), binds
 * 127.0.0.1 only, and answers only replies registered by this process under an unguessable key.
 */
final class LocalReplyServer {
  /** The request header naming the reply to serve. */
  static final String KEY_HEADER = "x-inmesh-local-reply";

  private static volatile LocalReplyServer instance;

  private final ServerSocket socket;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(AgentThreads.factory("local-reply"));
  private final Map<String, Reply> pending = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
  private final String prefix = Long.toHexString(new java.security.SecureRandom().nextLong());

  /** One reply to serve: status, headers as name/value pairs, body text or null. */
  record Reply(int status, String[] headers, String body) {}

  private LocalReplyServer() throws IOException {
    socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    AgentThreads.newThread(this::acceptLoop, "local-reply-accept").start();
  }

  /** The running responder, started on first use. */
  static LocalReplyServer get() throws IOException {
    LocalReplyServer s = instance;
    if (s == null) {
      synchronized (LocalReplyServer.class) {
        s = instance;
        if (s == null) {
          s = new LocalReplyServer();
          instance = s;
        }
      }
    }
    return s;
  }

  String host() {
    return socket.getInetAddress().getHostAddress();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Registers {@code reply}; the returned key, sent in {@link #KEY_HEADER}, serves it once. */
  String register(Reply reply) {
    String key = prefix + '-' + counter.incrementAndGet();
    pending.put(key, reply);
    return key;
  }

  /** Forgets a reply that was never fetched. */
  void forget(String key) {
    pending.remove(key);
  }

  private void acceptLoop() {
    for (; ; ) {
      try {
        Socket s = socket.accept();
        workers.execute(() -> serve(s));
      } catch (IOException e) {
        MeshLog.warn("local reply responder stopped: " + e);
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(60_000);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      String head;
      while ((head = readHead(in)) != null) {
        String[] lines = head.split("\r\n");
        boolean isHead = lines[0].startsWith("HEAD ");
        String key = null;
        long length = 0;
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          if (colon <= 0) {
            continue;
          }
          String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = lines[i].substring(colon + 1).trim();
          if (name.equals(KEY_HEADER)) {
            key = value;
          } else if (name.equals("content-length")) {
            length = Long.parseLong(value);
          }
        }
        in.skipNBytes(length);
        Reply reply = key == null ? null : pending.remove(key);
        out.write(response(reply == null ? new Reply(500, new String[0], "") : reply, isHead));
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // The client went away or sent something we do not serve: nothing to answer.
    }
  }

  /** The request head up to the blank line, or null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(256);
    int matched = 0;
    int c;
    while ((c = in.read()) != -1) {
      b.write(c);
      matched =
          (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : 0;
      if (matched == 4) {
        return b.toString(StandardCharsets.ISO_8859_1);
      }
      if (b.size() > 65_536) {
        throw new IOException("request head too large");
      }
    }
    return null;
  }

  private static byte[] response(Reply reply, boolean isHead) {
    byte[] body =
        reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder(128);
    h.append("HTTP/1.1 ").append(reply.status()).append(' ').append(reason(reply.status()));
    h.append("\r\n");
    boolean contentType = false;
    String[] headers = reply.headers();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      String name = headers[i];
      if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("connection")) {
        continue;
      }
      contentType |= name.equalsIgnoreCase("content-type");
      h.append(name).append(": ").append(headers[i + 1]).append("\r\n");
    }
    if (!contentType && body.length > 0) {
      h.append("content-type: text/plain\r\n");
    }
    h.append("content-length: ").append(body.length).append("\r\n\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
    if (isHead || body.length == 0) {
      return head;
    }
    byte[] out = new byte[head.length + body.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 408:
        return "Request Timeout";
      case 418:
        return "I'm a teapot";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "Local Reply";
    }
  }
}
