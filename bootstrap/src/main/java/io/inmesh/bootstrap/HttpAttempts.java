package io.inmesh.bootstrap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What every blocking L7 adapter does between the attempts of an {@link HttpPlan} the same way,
 * whatever the client library: tell which {@code FAILURE_*} an attempt's {@code IOException} is,
 * and sleep a fault delay or back-off. JDK types only, so each library's adapter can share it.
 */
public final class HttpAttempts {
  /**
   * {@link #failureOf}: not the upstream's failure but the app's own outcome (its TLS check refused
   * the endpoint's certificate, or its thread was interrupted). The adapter cancels the plan and
   * lets the app see the exception as is, as without the agent; it is never retried elsewhere.
   */
  public static final int APP_OUTCOME = -1;

  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private HttpAttempts() {}

  /** Whether the app has given up on a call (e.g. OkHttp's {@code Call.isCanceled()}). */
  public interface Cancellation {
    boolean canceled();
  }

  /**
   * The attempt failure {@code e} stands for: {@link HttpPlan#FAILURE_CONNECT} when no connection
   * came about (refused, unreachable, connect timeout, a TLS handshake that broke off), {@link
   * HttpPlan#FAILURE_TIMEOUT} for a read timeout, {@link HttpPlan#FAILURE_REFUSED_STREAM} for
   * HTTP/2's REFUSED_STREAM, {@link #APP_OUTCOME} for the app's own refusal or interrupt, and
   * {@link HttpPlan#FAILURE_RESET} for any other broken exchange.
   */
  public static int failureOf(IOException e) {
    if (e instanceof SSLException) {
      // The app's certificate or host name check (JSSE's, or the library's own verifier) is the
      // app's verdict on the logical host; anything else in TLS is a handshake that did not finish.
      return isVerification(e) ? APP_OUTCOME : HttpPlan.FAILURE_CONNECT;
    }
    if (e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || isConnectTimeout(e)) {
      return HttpPlan.FAILURE_CONNECT;
    }
    if (e instanceof SocketTimeoutException) {
      return HttpPlan.FAILURE_TIMEOUT;
    }
    if (e instanceof InterruptedIOException) {
      return Thread.currentThread().isInterrupted() ? APP_OUTCOME : HttpPlan.FAILURE_TIMEOUT;
    }
    String m = e.getMessage();
    if (m != null && m.contains("REFUSED_STREAM")) {
      return HttpPlan.FAILURE_REFUSED_STREAM;
    }
    return HttpPlan.FAILURE_RESET;
  }

  private static boolean isVerification(IOException e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return true;
    }
    Throwable t = e.getCause();
    // Bounded: a cause chain may loop.
    for (int i = 0; t != null && i < 8; i++, t = t.getCause()) {
      if (t instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }

  /**
   * A connect timeout: the JDK's and OkHttp's {@code SocketTimeoutException("Connect timed out")},
   * or a library's {@code ConnectTimeoutException} (Apache 4.5 and 5 have one each, matched by name
   * since this class cannot see them).
   */
  static boolean isConnectTimeout(IOException e) {
    if (!(e instanceof InterruptedIOException)) {
      return false;
    }
    for (Class<?> c = e.getClass(); c != null && c != InterruptedIOException.class; ) {
      if (c.getSimpleName().equals("ConnectTimeoutException")) {
        return true;
      }
      c = c.getSuperclass();
    }
    String m = e.getMessage();
    return e instanceof SocketTimeoutException
        && m != null
        && m.toLowerCase(Locale.ROOT).contains("connect");
  }

  /**
   * Sleeps a fault delay or back-off of {@code nanos} in a blocking client; when interrupted,
   * throws as the client's own blocking I/O does (the thread's interrupt flag set again).
   */
  public static void pause(long nanos) throws InterruptedIOException {
    if (!sleepBackoff(nanos)) {
      throw new InterruptedIOException("interrupted");
    }
  }

  /**
   * Sleeps a fault delay or back-off of {@code nanos}; false when the thread was interrupted (its
   * interrupt flag set again): the adapter then ends the call as its library does when interrupted.
   */
  public static boolean sleepBackoff(long nanos) {
    return sleepBackoff(nanos, null);
  }

  /**
   * Like {@link #sleepBackoff(long)}, in short slices so that {@code call}'s cancel (or the app's
   * call timeout, which cancels) also ends the sleep early: false then too.
   */
  public static boolean sleepBackoff(long nanos, Cancellation call) {
    long end = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = end - System.nanoTime()) {
      if (call != null && call.canceled()) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(call == null ? left : Math.min(left, SLICE_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return call == null || !call.canceled();
  }
}
