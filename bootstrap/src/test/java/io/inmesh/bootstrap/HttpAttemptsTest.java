package io.inmesh.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class HttpAttemptsTest {
  /** Named as Apache 4.5's and 5's are: the mapping can only see the name. */
  static class ConnectTimeoutException extends InterruptedIOException {
    ConnectTimeoutException(String message) {
      super(message);
    }
  }

  /** Apache 4.5's pool wait timeout is a subclass of its ConnectTimeoutException. */
  static final class ConnectionPoolTimeoutException extends ConnectTimeoutException {
    ConnectionPoolTimeoutException() {
      super("Timeout waiting for connection from pool");
    }
  }

  @Test
  void refusedConnectIsAConnectFailure() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    IOException refused = null;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closed), 5_000);
    } catch (IOException e) {
      refused = e;
    }

    assertThat(refused).isInstanceOf(ConnectException.class);
    assertThat(HttpAttempts.failureOf(refused)).isEqualTo(HttpPlan.FAILURE_CONNECT);
    assertThat(HttpAttempts.failureOf(new NoRouteToHostException("No route to host")))
        .isEqualTo(HttpPlan.FAILURE_CONNECT);
  }

  @Test
  void connectTimeoutsAreConnectFailuresAndReadTimeoutsTimeouts() throws IOException {
    assertThat(HttpAttempts.failureOf(new SocketTimeoutException("Connect timed out")))
        .isEqualTo(HttpPlan.FAILURE_CONNECT);
    assertThat(
            HttpAttempts.failureOf(
                new ConnectTimeoutException("Connect to reviews:9080 failed: connect timed out")))
        .isEqualTo(HttpPlan.FAILURE_CONNECT);
    assertThat(HttpAttempts.failureOf(new ConnectionPoolTimeoutException()))
        .isEqualTo(HttpPlan.FAILURE_CONNECT);
    // OkHttp's read timeout.
    assertThat(HttpAttempts.failureOf(new SocketTimeoutException("timeout")))
        .isEqualTo(HttpPlan.FAILURE_TIMEOUT);

    SocketTimeoutException read = readTimeoutFromASilentServer();
    assertThat(read.getMessage()).doesNotContainIgnoringCase("connect");
    assertThat(HttpAttempts.failureOf(read)).isEqualTo(HttpPlan.FAILURE_TIMEOUT);
  }

  @Test
  void interruptIsTheAppsOwnOutcomeOtherInterruptedIoATimeout() {
    assertThat(HttpAttempts.failureOf(new InterruptedIOException("timeout")))
        .isEqualTo(HttpPlan.FAILURE_TIMEOUT);
    Thread.currentThread().interrupt();
    try {
      assertThat(HttpAttempts.failureOf(new InterruptedIOException("interrupted")))
          .isEqualTo(HttpAttempts.APP_OUTCOME);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void certificateAndHostNameRejectionsAreTheAppsOwnOutcome() {
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(
        new CertificateException("No subject alternative DNS name matching ratings found."));
    assertThat(HttpAttempts.failureOf(untrusted)).isEqualTo(HttpAttempts.APP_OUTCOME);
    // OkHttp's and Apache's own host name verifiers, after the handshake.
    assertThat(
            HttpAttempts.failureOf(new SSLPeerUnverifiedException("Hostname ratings not verified")))
        .isEqualTo(HttpAttempts.APP_OUTCOME);
  }

  @Test
  void handshakesThatBreakOffAreConnectFailures() throws Exception {
    // A peer that closes at once, and one that answers in plain text.
    SSLException closed = handshakeAgainst(new byte[0]);
    SSLException plain =
        handshakeAgainst("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(HttpAttempts.failureOf(closed))
        .as(closed.toString())
        .isEqualTo(HttpPlan.FAILURE_CONNECT);
    assertThat(HttpAttempts.failureOf(plain))
        .as(plain.toString())
        .isEqualTo(HttpPlan.FAILURE_CONNECT);
  }

  @Test
  void brokenExchangesAreResetsAndRefusedStreamsTheirOwn() {
    assertThat(HttpAttempts.failureOf(new SocketException("Connection reset")))
        .isEqualTo(HttpPlan.FAILURE_RESET);
    assertThat(HttpAttempts.failureOf(new EOFException("\\n not found: limit=0")))
        .isEqualTo(HttpPlan.FAILURE_RESET);
    assertThat(HttpAttempts.failureOf(new IOException("stream was reset: REFUSED_STREAM")))
        .isEqualTo(HttpPlan.FAILURE_REFUSED_STREAM);
  }

  @Test
  void backoffSleepsItsTime() {
    long start = System.nanoTime();
    assertThat(HttpAttempts.sleepBackoff(TimeUnit.MILLISECONDS.toNanos(60))).isTrue();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));
    assertThat(HttpAttempts.sleepBackoff(0)).isTrue();
  }

  @Test
  void interruptEndsTheBackoffAndStaysSet() {
    Thread.currentThread().interrupt();
    try {
      long start = System.nanoTime();
      assertThat(HttpAttempts.sleepBackoff(TimeUnit.SECONDS.toNanos(30))).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void cancelEndsTheBackoff() {
    AtomicBoolean canceled = new AtomicBoolean();
    Thread canceller =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException ignored) {
                return;
              }
              canceled.set(true);
            });
    canceller.start();
    long start = System.nanoTime();

    boolean slept = HttpAttempts.sleepBackoff(TimeUnit.SECONDS.toNanos(30), canceled::get);

    assertThat(slept).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  private static SocketTimeoutException readTimeoutFromASilentServer() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      s.setSoTimeout(50);
      try {
        s.getInputStream().read();
      } catch (SocketTimeoutException e) {
        return e;
      }
      throw new AssertionError("read returned");
    }
  }

  /** The exception of a TLS client handshake against a loopback peer that writes {@code reply}. */
  private static SSLException handshakeAgainst(byte[] reply) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket a = server.accept()) {
                  // Reads the whole ClientHello record: closing with unread input would reset.
                  DataInputStream in = new DataInputStream(a.getInputStream());
                  byte[] head = new byte[5];
                  in.readFully(head);
                  in.readFully(new byte[((head[3] & 0xff) << 8) | (head[4] & 0xff)]);
                  OutputStream out = a.getOutputStream();
                  out.write(reply);
                  out.flush();
                } catch (IOException ignored) {
                  // The client gave up first.
                }
              });
      peer.start();
      try (SSLSocket s =
          (SSLSocket)
              SSLContext.getDefault()
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        s.setSoTimeout(10_000);
        s.startHandshake();
        throw new AssertionError("handshake succeeded");
      } catch (SSLException e) {
        return e;
      } finally {
        peer.join(10_000);
      }
    }
  }
}
