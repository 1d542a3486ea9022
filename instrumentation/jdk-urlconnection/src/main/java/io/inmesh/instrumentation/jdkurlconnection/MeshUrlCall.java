package io.inmesh.instrumentation.jdkurlconnection;

import io.inmesh.bootstrap.HttpAttempts;
import io.inmesh.bootstrap.HttpHeaderWriter;
import io.inmesh.bootstrap.HttpPlan;
import io.inmesh.bootstrap.UrlConnectionBridge.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One mesh call of an app's {@link HttpURLConnection}. The app's connection never opens a socket:
 * each attempt is a fresh JDK connection of the agent's (the "attempt connection"), made like the
 * app's (method, headers, timeouts, streaming mode, body) but steered to the attempt's endpoint
 * ({@link Steering}). The attempt the mesh delivers — or the local reply, served by {@link
 * LocalReplyServer} — then answers the app's response-side calls (status, headers, streams,
 * exceptions), so the app sees the JDK's own response objects and exceptions.
 *
 * <p>A buffered body ({@code getOutputStream} without a streaming mode: the JDK buffers it too) is
 * kept and replayed on each attempt; a streamed body goes to the first attempt's wire as the app
 * writes it, so that call is never retried ({@code bodyReplayable} false). Used by one thread at a
 * time, as an HttpURLConnection is.
 */
final class MeshUrlCall {
  private final HttpPlan plan;
  private final StreamingMode streaming;
  private ByteArrayOutputStream body;
  private HttpURLConnection streamedAttempt;
  private boolean begun;
  private boolean answerLocally;
  private boolean finished;
  private HttpURLConnection answer;
  private IOException failure;
  private String localKey;

  MeshUrlCall(HttpPlan plan, StreamingMode streaming) {
    this.plan = plan;
    this.streaming = streaming;
  }

  /** Answers the app's call of {@code method} on {@code app}. */
  Outcome answer(HttpURLConnection app, String method, Object arg) {
    try {
      switch (method) {
        case "connect":
          return Outcome.value(null);
        case "disconnect":
          disconnect();
          return Outcome.value(null);
        case "getOutputStream":
          return Outcome.value(output(app));
        case "getErrorStream":
          return Outcome.value(finished && answer != null ? answer.getErrorStream() : null);
        default:
          break;
      }
      finish(app);
      switch (method) {
        case "getInputStream":
          if (answer == null) {
            throw failure != null ? failure : new IOException("no response");
          }
          return Outcome.value(answer.getInputStream());
        case "getHeaderFields":
          return Outcome.value(answer == null ? Map.of() : answer.getHeaderFields());
        case "getHeaderField":
          if (answer == null) {
            return Outcome.value(null);
          }
          return Outcome.value(
              arg instanceof Integer i
                  ? answer.getHeaderField(i)
                  : answer.getHeaderField((String) arg));
        case "getHeaderFieldKey":
          return Outcome.value(answer == null ? null : answer.getHeaderFieldKey((Integer) arg));
        default:
          return null;
      }
    } catch (IOException | RuntimeException e) {
      return Outcome.thrown(e);
    }
  }

  private OutputStream output(HttpURLConnection app) throws IOException {
    if (!app.getDoOutput()) {
      throw new ProtocolException(
          "cannot write to a URLConnection if doOutput=false - call setDoOutput(true)");
    }
    if (finished) {
      throw new ProtocolException("Cannot write output after reading input.");
    }
    if (app.getRequestMethod().equals("GET")) {
      app.setRequestMethod("POST"); // as the JDK does for a body
    }
    if (!streaming.streaming()) {
      if (body == null) {
        body = new ByteArrayOutputStream();
      }
      return body;
    }
    if (streamedAttempt == null) {
      begin();
      if (plan.hasLocalReply() || !plan.beginAttempt()) {
        // Answered locally: what the app writes goes nowhere, as a sidecar would drop it.
        answerLocally = true;
        return OutputStream.nullOutputStream();
      }
      streamedAttempt = attempt(app, false);
      Steering.arm(target());
      try {
        return streamedAttempt.getOutputStream();
      } finally {
        Steering.disarm();
      }
    }
    return streamedAttempt.getOutputStream();
  }

  private void begin() {
    if (begun) {
      return;
    }
    begun = true;
    sleepNanos(plan.delayNanos());
  }

  /** Runs the mesh loop once: attempts, retries, or the local reply. */
  private void finish(HttpURLConnection app) {
    if (finished) {
      return;
    }
    finished = true;
    try {
      if (streamedAttempt == null) {
        begin();
      }
      if (answerLocally || (plan.hasLocalReply() && streamedAttempt == null)) {
        local(app);
        return;
      }
      for (; ; ) {
        HttpURLConnection attempt = streamedAttempt;
        streamedAttempt = null;
        if (attempt == null) {
          if (!plan.beginAttempt()) {
            local(app);
            return;
          }
          attempt = attempt(app, false);
        }
        long next = send(app, attempt);
        if (next == HttpPlan.DELIVER) {
          answer = attempt;
          return;
        }
        if (failure != null) {
          return;
        }
        if (next == HttpPlan.LOCAL_REPLY) {
          local(app);
          return;
        }
        sleepNanos(next);
      }
    } catch (IOException e) {
      plan.cancel();
      failure = e;
    } catch (RuntimeException e) {
      plan.cancel();
      failure = new IOException(e);
    }
  }

  /**
   * Sends one attempt and reports it; when the app's own outcome ends the call instead, {@link
   * #failure} holds it.
   */
  private long send(HttpURLConnection app, HttpURLConnection attempt) throws IOException {
    boolean connected = false;
    Steering.arm(target());
    try {
      // TCP, and for https the whole TLS handshake: the JDK finishes it inside connect().
      attempt.connect();
      connected = true;
      if (body != null) {
        try (OutputStream out = attempt.getOutputStream()) {
          body.writeTo(out);
        }
      }
      int status = attempt.getResponseCode();
      long next = plan.onResponse(status, attempt::getHeaderField);
      if (next != HttpPlan.DELIVER) {
        discard(attempt);
      }
      return next;
    } catch (IOException e) {
      int kind = HttpAttempts.failureOf(e);
      if (kind == HttpAttempts.APP_OUTCOME
          || (kind == HttpPlan.FAILURE_TIMEOUT && appTimeoutBinds(app))) {
        // The app's own verdict (its TLS check refused the endpoint, or its read timeout is the
        // shorter): as without the agent, never retried elsewhere.
        plan.cancel();
        failure = e;
        return HttpPlan.LOCAL_REPLY;
      }
      if (!connected && kind == HttpPlan.FAILURE_RESET) {
        // Reset before the handshake finished: no connection came about (Envoy too counts an
        // upstream connection as connected only once its TLS handshake is done).
        kind = HttpPlan.FAILURE_CONNECT;
      }
      // Not read again: a connection whose connect() failed would connect anew, unsteered.
      attempt.disconnect();
      return plan.onFailure(kind);
    } finally {
      Steering.disarm();
    }
  }

  private void local(HttpURLConnection app) throws IOException {
    LocalReplyServer server = LocalReplyServer.get();
    localKey =
        server.register(
            new LocalReplyServer.Reply(plan.localStatus(), plan.localHeaders(), plan.localBody()));
    HttpURLConnection reply = attempt(app, true);
    reply.setRequestProperty(LocalReplyServer.KEY_HEADER, localKey);
    Steering.arm(new Steering.Target(Steering.host(reply.getURL()), server.host(), server.port()));
    try {
      reply.getResponseCode();
    } finally {
      Steering.disarm();
      server.forget(localKey);
    }
    answer = reply;
  }

  /** A JDK connection for one attempt, made like the app's. */
  private HttpURLConnection attempt(HttpURLConnection app, boolean local) throws IOException {
    URL appUrl = app.getURL();
    String scheme = local ? "http" : appUrl.getProtocol();
    URL url = new URL(scheme + "://" + plan.authority() + plan.pathAndQuery());
    HttpURLConnection c = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
    String method = app.getRequestMethod();
    c.setRequestMethod(local ? (method.equals("HEAD") ? "HEAD" : "GET") : method);
    c.setInstanceFollowRedirects(app.getInstanceFollowRedirects());
    c.setUseCaches(app.getUseCaches());
    c.setIfModifiedSince(app.getIfModifiedSince());
    c.setAllowUserInteraction(app.getAllowUserInteraction());
    c.setConnectTimeout(app.getConnectTimeout());
    c.setReadTimeout(app.getReadTimeout());
    if (local) {
      return c;
    }
    long attemptMillis = millis(plan.attemptTimeoutNanos());
    if (attemptMillis != Long.MAX_VALUE) {
      int bound = (int) Math.min(Integer.MAX_VALUE, attemptMillis);
      c.setReadTimeout(app.getReadTimeout() == 0 ? bound : Math.min(app.getReadTimeout(), bound));
      c.setConnectTimeout(
          app.getConnectTimeout() == 0 ? bound : Math.min(app.getConnectTimeout(), bound));
    }
    for (Map.Entry<String, List<String>> h : headers(app).entrySet()) {
      for (String v : h.getValue()) {
        c.addRequestProperty(h.getKey(), v);
      }
    }
    if (body != null || streaming.streaming()) {
      c.setDoOutput(true);
      streaming.applyTo(c);
    }
    return c;
  }

  /** The app's request headers with the route's changes applied. */
  private Map<String, List<String>> headers(HttpURLConnection app) {
    Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<String>> h : app.getRequestProperties().entrySet()) {
      if (h.getKey() != null) {
        out.put(h.getKey(), new ArrayList<>(h.getValue()));
      }
    }
    if (plan.hasHeaderMutations()) {
      plan.applyHeaders(
          new HttpHeaderWriter() {
            @Override
            public void set(String name, String value) {
              List<String> v = new ArrayList<>(1);
              v.add(value);
              out.put(name, v);
            }

            @Override
            public void append(String name, String value) {
              out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }

            @Override
            public void remove(String name) {
              out.remove(name);
            }
          });
    }
    return out;
  }

  private Steering.Target target() {
    return new Steering.Target(
        Steering.host(urlOf(plan.authority())), plan.endpointHost(), plan.endpointPort());
  }

  private static URL urlOf(String authority) {
    try {
      return new URL("http://" + authority + "/");
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException(authority, e);
    }
  }

  private boolean appTimeoutBinds(HttpURLConnection app) {
    int appRead = app.getReadTimeout();
    return appRead > 0 && appRead <= millis(plan.attemptTimeoutNanos());
  }

  /** Lets the JDK keep the connection for reuse when the rest of the answer is small. */
  private static void discard(HttpURLConnection attempt) {
    try {
      InputStream in = attempt.getErrorStream();
      if (in == null) {
        in = attempt.getInputStream();
      }
      in.close();
    } catch (IOException | RuntimeException e) {
      attempt.disconnect();
    }
  }

  private void disconnect() {
    if (!finished) {
      plan.cancel();
      finished = true;
      failure = new IOException("disconnected");
    }
    if (answer != null) {
      answer.disconnect();
    }
  }

  private static long millis(long nanos) {
    return nanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, nanos / 1_000_000);
  }

  /**
   * A fault delay or back-off. An interrupt ends the sleep early and stays set, but not the call:
   * the JDK's blocking HttpURLConnection does not end on an interrupt either.
   */
  private static void sleepNanos(long nanos) {
    HttpAttempts.sleepBackoff(nanos);
  }
}
