package io.inmesh.it.http;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An https endpoint that is going down: it accepts TCP, reads the client's first TLS record (the
 * ClientHello) and closes before any ServerHello, so every handshake with it breaks off. Reading
 * the whole record first makes the close a clean FIN, not a reset for unread input; {@link
 * #resetting()} resets the connection instead.
 */
final class HandshakeBreaker implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger hellos = new AtomicInteger();
  private final boolean reset;

  /** Closes each connection (FIN) after the ClientHello. */
  HandshakeBreaker() throws IOException {
    this(false);
  }

  private HandshakeBreaker(boolean reset) throws IOException {
    this.reset = reset;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "handshake-breaker");
    t.setDaemon(true);
    t.start();
  }

  /** Resets each connection (RST) after the ClientHello. */
  static HandshakeBreaker resetting() throws IOException {
    return new HandshakeBreaker(true);
  }

  int port() {
    return server.getLocalPort();
  }

  /** ClientHellos read (and cut off) so far. */
  int hellos() {
    return hellos.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] header = new byte[5];
        in.readFully(header);
        in.readFully(new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)]);
        if (header[0] == 22) { // a handshake record
          hellos.incrementAndGet();
        }
        if (reset) {
          s.setSoLinger(true, 0);
        }
      } catch (IOException e) {
        // The client gave up first, or the breaker is closing.
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
