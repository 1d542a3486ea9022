package io.inmesh.instrumentation.apache5;

import io.inmesh.bootstrap.HttpAttempts;
import io.inmesh.bootstrap.HttpBridge;
import io.inmesh.bootstrap.HttpPlan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.ConfigurableHttpRequest;
import org.apache.hc.client5.http.config.Configurable;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.ComplexFuture;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncPushConsumer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Drives the mesh plan of one async call (see {@link HttpPlan}) without blocking any thread: fault
 * delay, back-offs and attempt timeouts are scheduled on {@link AsyncScheduler}; each attempt is a
 * nested {@code execute} on the app's own client (its pool, interceptors and context apply), to
 * {@code HttpHost(scheme, endpointIp, logicalHost, endpointPort)}, which the connection operator
 * connects to by address while the pool and TLS keep the host name. The app's future ends with its
 * own consumer's result: the delivered upstream response or a local reply.
 *
 * <p>Plan methods run under this object's lock: the caller's thread, the reactor threads and the
 * scheduler take turns.
 */
final class AsyncMeshExchange<T> implements Runnable {
  /** {@link #attemptFailed}: the app got the failure; nothing more to do. */
  static final long ENDED = -3;

  private final CloseableHttpAsyncClient client;
  private final Apache5RequestInfo info;
  private final EntityDetails entity;
  private final AsyncRequestProducer producer;
  private final AsyncResponseConsumer<T> consumer;
  private final HandlerFactory<AsyncPushConsumer> push;
  private final HttpContext context;
  private final HttpPlan plan;
  private final ComplexFuture<T> result;
  private int attempts;

  AsyncMeshExchange(
      CloseableHttpAsyncClient client,
      Apache5RequestInfo info,
      EntityDetails entity,
      AsyncRequestProducer producer,
      AsyncResponseConsumer<T> consumer,
      HandlerFactory<AsyncPushConsumer> push,
      HttpContext context,
      HttpPlan plan,
      ComplexFuture<T> result) {
    this.client = client;
    this.info = info;
    this.entity = entity;
    this.producer = producer;
    this.consumer = consumer;
    this.push = push;
    this.context = context;
    this.plan = plan;
    this.result = result;
  }

  /** Starts the call (after the fault delay, if any); the app holds {@link #result}. */
  void start() {
    long delay;
    synchronized (this) {
      delay = plan.delayNanos();
    }
    if (delay > 0) {
      AsyncScheduler.EXECUTOR.schedule(this, delay, TimeUnit.NANOSECONDS);
    } else {
      run();
    }
  }

  /** The next step: the local reply if the plan has one, else an attempt. */
  @Override
  public void run() {
    if (result.isDone()) {
      return;
    }
    boolean local;
    synchronized (this) {
      local = plan.hasLocalReply();
    }
    if (local) {
      reply();
    } else {
      attempt();
    }
  }

  private void attempt() {
    HttpHost endpoint;
    HttpRequest head;
    long budget;
    try {
      synchronized (this) {
        if (!plan.beginAttempt()) {
          endpoint = null;
          head = null;
          budget = 0;
        } else {
          endpoint =
              new HttpHost(
                  info.scheme(),
                  InetAddress.getByAddress(
                      info.host(), InetAddress.getByName(plan.endpointHost()).getAddress()),
                  info.host(),
                  plan.endpointPort());
          head = attemptHead();
          budget = plan.attemptTimeoutNanos();
        }
      }
    } catch (IOException | RuntimeException e) {
      fail(e, false);
      return;
    }
    if (endpoint == null) {
      reply();
      return;
    }
    if (attempts++ > 0) {
      producer.releaseResources(); // rewinds a repeatable body, as Apache's own retry does
    }
    AsyncAttempt<T> attempt = new AsyncAttempt<>(this, consumer);
    if (budget != Long.MAX_VALUE) {
      attempt.timer(AsyncScheduler.EXECUTOR.schedule(attempt, budget, TimeUnit.NANOSECONDS));
    }
    Future<T> sent;
    HttpBridge.DEPTH.enter();
    try {
      sent =
          client.execute(
              endpoint,
              new AttemptProducer(head, entity, producer),
              attempt.consumer,
              push,
              context,
              attempt);
    } catch (RuntimeException e) {
      attempt.abandon();
      fail(e, false);
      return;
    } finally {
      HttpBridge.DEPTH.exit();
    }
    attempt.started(sent);
    result.setDependency(sent);
  }

  /**
   * The attempt's head: the app's method, headers and request config with the logical scheme, the
   * plan's path and {@code Host}/{@code :authority} (the app's, or the route's rewrite).
   */
  private HttpRequest attemptHead() {
    HttpRequest app = info.request;
    ConfigurableHttpRequest a = new ConfigurableHttpRequest(app.getMethod(), plan.pathAndQuery());
    a.setScheme(info.scheme());
    if (app.getVersion() != null) {
      a.setVersion(app.getVersion());
    }
    for (Header h : app.getHeaders()) {
      a.addHeader(h);
    }
    String authority = plan.authority();
    try {
      // Host on HTTP/1.1 and :authority on HTTP/2 both come from it.
      a.setAuthority(URIAuthority.create(authority));
      if (app.containsHeader("Host")) {
        a.setHeader("Host", authority);
      }
    } catch (URISyntaxException e) {
      a.setAuthority(app.getAuthority());
      a.setHeader("Host", authority);
    }
    if (plan.hasHeaderMutations()) {
      plan.applyHeaders(new Apache5HeaderWriter(a));
    }
    if (app instanceof Configurable) {
      // The app's own timeouts keep applying to each attempt.
      a.setConfig(((Configurable) app).getConfig());
    }
    return a;
  }

  synchronized long onResponse(HttpResponse response) {
    return plan.onResponse(response.getCode(), new Apache5ResponseHeaders(response));
  }

  synchronized long onFailure(int failure) {
    return plan.onFailure(failure);
  }

  /**
   * An attempt failed before its response head. Returns the plan's next step, or {@link #ENDED}
   * when the failure is the app's own outcome (its TLS check, its response timeout, a protocol
   * error), handed to it as without the agent.
   */
  long attemptFailed(Exception cause) {
    if (!(cause instanceof IOException)) {
      fail(cause, false);
      return ENDED;
    }
    int failure =
        isNegotiation(cause)
            ? HttpPlan.FAILURE_CONNECT
            : HttpAttempts.failureOf((IOException) cause);
    if (failure == HttpAttempts.APP_OUTCOME || failure == HttpPlan.FAILURE_TIMEOUT) {
      // The mesh's own attempt timeouts are timers (AsyncAttempt#run): a socket timeout here is
      // the app's response timeout.
      fail(cause, false);
      return ENDED;
    }
    return onFailure(failure);
  }

  /**
   * Apache's async client reports a TLS handshake cut off by the peer as a failed protocol
   * negotiation ("Unexpected input"): the connection never came about. Matched by name, as it is an
   * {@code impl} class of httpcore5-h2.
   */
  private static boolean isNegotiation(Exception cause) {
    return cause
        .getClass()
        .getName()
        .equals("org.apache.hc.core5.http2.impl.nio.ProtocolNegotiationException");
  }

  /** After an attempt that was not delivered: a local reply, or a retry after the back-off. */
  void proceed(long next) {
    if (result.isDone()) {
      return;
    }
    if (next == HttpPlan.LOCAL_REPLY || next == HttpPlan.DELIVER) {
      reply();
    } else {
      AsyncScheduler.EXECUTOR.schedule(this, next, TimeUnit.NANOSECONDS);
    }
  }

  void delivered(T value) {
    result.completed(value);
  }

  private void reply() {
    LocalAsyncReply local;
    synchronized (this) {
      local = LocalAsyncReply.of(plan);
    }
    try {
      // Outside the lock: the app's consumer and callback run here.
      local.deliver(consumer, context, new ToFuture<T>(result));
    } catch (Exception e) {
      fail(e, true);
      return;
    } finally {
      consumer.releaseResources();
    }
    producer.releaseResources();
  }

  /**
   * Ends the call with {@code cause}; {@code consumerTold}: the app's consumer has seen it already
   * (Apache told it during a delivered attempt, or it threw itself).
   */
  void fail(Exception cause, boolean consumerTold) {
    synchronized (this) {
      plan.cancel();
    }
    producer.failed(cause);
    if (!consumerTold) {
      consumer.failed(cause);
      consumer.releaseResources();
    }
    producer.releaseResources();
    result.failed(cause);
  }

  /** The app cancelled its future: the attempt in flight is cancelled with it (a dependency). */
  void cancelled() {
    synchronized (this) {
      plan.cancel();
    }
  }
}
