package io.inmesh.engine;

import io.inmesh.engine.fault.FaultDecision;
import io.inmesh.engine.retry.CompiledRetryPolicy;
import io.inmesh.engine.route.ClusterBranch;
import io.inmesh.engine.route.CompiledRouteMatch;
import io.inmesh.engine.route.MirrorPolicy;
import io.inmesh.engine.route.RouteEntry;
import io.inmesh.engine.telemetry.RequestOutcome;
import io.inmesh.engine.telemetry.RouteMetrics;
import io.inmesh.engine.upstream.AttemptResult;
import io.inmesh.engine.upstream.Host;
import io.inmesh.engine.upstream.PickContext;
import io.inmesh.engine.upstream.UpstreamCluster;
import io.inmesh.model.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of one mesh call and its retry state, driven by the adapter that owns the I/O. One
 * object per call, used by one thread at a time (the adapter's). How an adapter drives it:
 *
 * <pre>{@code
 * MeshCall call = engine.start(request);          // null: not a mesh service, pass through
 * if (call == null) return sendAsIs();
 * sleep(call.delayNanos());                        // fault delay (0 almost always)
 * if (call.localReply() != null) return reply(call.localReply());
 * for (;;) {
 *   Host host = call.beginAttempt();               // null: answer call.localReply() (e.g. 504)
 *   if (host == null) return reply(call.localReply());
 *   // send to call.endpoint() with call.authority(), call.pathAndQuery(), call.applyHeaders(sink),
 *   // bounded by call.attemptTimeoutNanos()
 *   long next = ok ? call.onResponse(status, grpcStatusOrMinus1, responseHeaders)
 *                  : call.onFailure(AttemptFailure.CONNECT_FAILURE / RESET / TIMEOUT ...);
 *   if (next == MeshCall.DELIVER) return responseToApp;
 *   if (next == MeshCall.LOCAL_REPLY) return reply(call.localReply());
 *   discardResponse(); sleep(next);                // or schedule, for async clients
 * }
 * }</pre>
 *
 * If the app abandons the call, call {@link #cancel()}. Every path that ends the call (final
 * decision, local reply, cancel) releases the circuit-breaker counts and records metrics exactly
 * once.
 */
public final class MeshCall {
  /** {@link #onResponse}/{@link #onFailure} result: hand the upstream's response to the app. */
  public static final long DELIVER = -1;

  /** {@link #onResponse}/{@link #onFailure} result: answer {@link #localReply()} instead. */
  public static final long LOCAL_REPLY = -2;

  private static final int FINISHED = 1;
  private static final int DEADLINE_STARTED = 1 << 1;
  private static final int REQUEST_HELD = 1 << 2;
  private static final int RETRY_HELD = 1 << 3;
  private static final int PENDING_HELD = 1 << 4;
  private static final int IN_ATTEMPT = 1 << 5;
  private static final int ATTEMPT_SHIFT = 8;

  private final EngineOptions options;
  private final OutboundRequest request;
  private final ClusterBranch branch;
  private Host host;
  private LocalReply reply;
  private Extras extras;
  private final long startNanos;

  /** Before the first attempt: the route timeout (0: none); after: the absolute deadline. */
  private long deadline;

  private long attemptStartNanos;

  /** Flag bits in the low byte, the number of attempts begun above {@link #ATTEMPT_SHIFT}. */
  private int state;

  /** Rarely needed state, allocated only when a fault, a retry or previous_hosts needs it. */
  private static final class Extras {
    FaultDecision fault;
    List<Host> tried;
    long hash;
    boolean hasHash;
  }

  MeshCall(
      EngineOptions options,
      OutboundRequest request,
      ClusterBranch branch,
      Host host,
      long startNanos,
      long timeoutNanos,
      boolean requestHeld) {
    this.options = options;
    this.request = request;
    this.branch = branch;
    this.host = host;
    this.startNanos = startNanos;
    this.deadline = timeoutNanos;
    this.state = requestHeld ? REQUEST_HELD : 0;
  }

  /** A call answered locally from the start (no route, overflow, fault abort...). */
  static MeshCall local(
      EngineOptions options,
      OutboundRequest request,
      ClusterBranch branch,
      LocalReply reply,
      RouteMetrics metrics,
      long startNanos) {
    MeshCall c = new MeshCall(options, request, branch, null, startNanos, 0, false);
    c.reply = grpcShaped(request, reply);
    c.state |= FINISHED;
    metrics.request(RequestOutcome.LOCAL_REPLY, 0);
    return c;
  }

  void attachFault(FaultDecision fault) {
    extras().fault = fault;
  }

  void attachHash(long hash) {
    Extras x = extras();
    x.hash = hash;
    x.hasHash = true;
  }

  /** Turns a planned call into a local reply after a fault abort (keeps the fault's delay). */
  void abortLocally(LocalReply abort) {
    finish(abort, RequestOutcome.LOCAL_REPLY);
  }

  private Extras extras() {
    Extras x = extras;
    if (x == null) {
      x = extras = new Extras();
    }
    return x;
  }

  // ---- The plan ----

  /** Non-null: answer the app with this reply instead of (or after) the upstream call. */
  public LocalReply localReply() {
    return reply;
  }

  /** A fault delay to wait before the first attempt (or before the local reply), 0 for none. */
  public long delayNanos() {
    Extras x = extras;
    return x == null || x.fault == null ? 0 : x.fault.delayMillis() * 1_000_000L;
  }

  /** The cluster the call goes to, or null when answered locally without one. */
  public String cluster() {
    return branch == null ? null : branch.cluster();
  }

  /** The matched route's name ({@code ""} when unnamed), or null when no route matched. */
  public String routeName() {
    return branch == null ? null : branch.route().name();
  }

  /** The endpoint chosen for the current (or next) attempt, or null. */
  public Host host() {
    return host;
  }

  /** The address to connect to for the current attempt, or null. */
  public SocketAddress endpoint() {
    return host == null ? null : host.address();
  }

  /**
   * The {@code Host} / {@code :authority} to send: the app's own unless the route rewrites it
   * (literal, or the endpoint's hostname with {@code auto_host_rewrite}), as a sidecar would.
   */
  public String authority() {
    RouteEntry r = branch == null ? null : branch.route();
    if (r != null) {
      if (r.hostRewriteLiteral() != null) {
        return r.hostRewriteLiteral();
      }
      if (r.autoHostRewrite() && host != null && host.hostname() != null) {
        return host.hostname();
      }
    }
    return request.authority();
  }

  /** The path to send, without the query: rewritten by the route or the app's own. */
  public String path() {
    return branch == null ? request.path() : branch.route().rewritePath(request.path());
  }

  /** {@link #path()} with the app's query, if any. */
  public String pathAndQuery() {
    String q = request.query();
    return q == null ? path() : path() + "?" + q;
  }

  /** Whether the route adds or removes request headers. */
  public boolean hasHeaderMutations() {
    return branch != null && !branch.headers().isEmpty();
  }

  /** Replays the route's request header mutations onto the outgoing request. */
  public void applyHeaders(HeaderSink sink) {
    if (branch != null) {
      branch.headers().apply(request, sink);
    }
  }

  /**
   * The shadow copies to send for this call ({@code request_mirror_policies}, each drawn with its
   * fraction now); empty almost always. Each has its host picked already.
   */
  public List<MirrorTarget> mirrors() {
    if (branch == null || branch.route().mirrors().length == 0) {
      return List.of();
    }
    List<MirrorTarget> out = new ArrayList<>(branch.route().mirrors().length);
    for (MirrorPolicy m : branch.route().mirrors()) {
      if (m.perMillion() < 1_000_000 && options.random().nextInt(1_000_000) >= m.perMillion()) {
        continue;
      }
      UpstreamCluster up = m.branch().upstream();
      Host h = up == null ? null : up.pick(PickContext.DEFAULT);
      if (h != null) {
        out.add(new MirrorTarget(m.branch().cluster(), h.address(), shadowAuthority(authority())));
      }
    }
    return out;
  }

  /** Envoy's shadow host: {@code -shadow} appended to the host, before any port. */
  static String shadowAuthority(String authority) {
    int colon = authority.lastIndexOf(':');
    if (colon > 0 && authority.indexOf(']', colon) < 0) {
      return authority.substring(0, colon) + "-shadow" + authority.substring(colon);
    }
    return authority + "-shadow";
  }

  /** The route timeout of this call (from the route, or a capped {@code grpc-timeout}), 0: none. */
  public long routeTimeoutNanos() {
    if ((state & DEADLINE_STARTED) == 0) {
      return deadline;
    }
    return branch == null ? 0 : branch.route().effectiveTimeoutNanos(request);
  }

  /** The retry policy's per-try timeout, 0: none. */
  public long perTryTimeoutNanos() {
    CompiledRetryPolicy p = branch == null ? null : branch.route().retry();
    return p == null ? 0 : p.perTryTimeoutNanos();
  }

  /**
   * The time the current attempt may take: the per-try timeout bounded by what is left of the route
   * timeout; {@link Long#MAX_VALUE} when neither applies. When it elapses, report {@link
   * AttemptFailure#TIMEOUT}.
   */
  public long attemptTimeoutNanos() {
    long remaining =
        (state & DEADLINE_STARTED) == 0
            ? (deadline == 0 ? Long.MAX_VALUE : deadline)
            : (deadline == Long.MAX_VALUE
                ? Long.MAX_VALUE
                : Math.max(0, deadline - options.clock().nanoTime()));
    long perTry = perTryTimeoutNanos();
    return perTry > 0 ? Math.min(perTry, remaining) : remaining;
  }

  /** The absolute route deadline on the engine's clock, {@link Long#MAX_VALUE} for none. */
  public long deadlineNanos() {
    return (state & DEADLINE_STARTED) == 0 ? Long.MAX_VALUE : deadline;
  }

  /** Attempts begun so far (1 after the first {@link #beginAttempt()}). */
  public int attempts() {
    return state >>> ATTEMPT_SHIFT;
  }

  // ---- Driving the attempts ----

  /**
   * Starts an attempt on {@link #host()} (the route timeout starts with the first one, after any
   * fault delay, as in Envoy). Returns null when the call must be answered locally instead, e.g.
   * because the route timeout already expired during a back-off.
   */
  public Host beginAttempt() {
    if ((state & FINISHED) != 0) {
      return null;
    }
    long now = options.clock().nanoTime();
    if ((state & DEADLINE_STARTED) == 0) {
      deadline = deadline == 0 ? Long.MAX_VALUE : saturatedAdd(now, deadline);
      state |= DEADLINE_STARTED;
    } else if (now >= deadline) {
      finish(LocalReply.ROUTE_TIMEOUT_REPLY, RequestOutcome.TIMEOUT, now);
      return null;
    }
    attemptStartNanos = now;
    state = (state | IN_ATTEMPT) + (1 << ATTEMPT_SHIFT);
    branch.upstream().onAttemptStart(host);
    return host;
  }

  /**
   * Optional: the adapter waits for a connection from its pool. False means {@code
   * max_pending_requests} overflowed: end the attempt and answer {@link #localReply()} (503 with
   * {@code x-envoy-overloaded}).
   */
  public boolean tryAwaitConnection() {
    if (branch.upstream().tryAcquirePending()) {
      state |= PENDING_HELD;
      return true;
    }
    endAttempt(AttemptResult.LOCAL_ORIGIN_FAILURE);
    finish(LocalReply.OVERFLOW_REPLY, RequestOutcome.LOCAL_REPLY);
    return false;
  }

  /** Optional: the connection awaited by {@link #tryAwaitConnection()} is ready. */
  public void connectionReady() {
    if ((state & PENDING_HELD) != 0) {
      state &= ~PENDING_HELD;
      branch.upstream().releasePending();
    }
  }

  /**
   * Reports the response head of the current attempt and decides what happens next.
   *
   * @param status the HTTP status
   * @param grpcStatus the gRPC status when known (trailers-only response), else -1; {@code
   *     grpc-status} is then read from {@code headers}
   * @param headers the response headers (may be {@link HeaderView#EMPTY})
   * @return {@link #DELIVER}, or a delay in nanoseconds (≥ 0) after which to begin a retry
   */
  public long onResponse(int status, int grpcStatus, HeaderView headers) {
    if ((state & FINISHED) != 0) {
      return reply != null ? LOCAL_REPLY : DELIVER;
    }
    long now = endAttempt(AttemptResult.ofHttpStatus(status));
    CompiledRetryPolicy p = branch.route().retry();
    if (p != null && p.retriableResponse(status, grpcStatus, headers)) {
      long delay =
          p.resetBackOffNanos(headers, options.epochMillis().getAsLong(), options.random());
      long next = retry(p, now, delay);
      if (next >= 0) {
        return next;
      }
    }
    finish(null, RequestOutcome.ofStatus(status), now);
    return DELIVER;
  }

  /**
   * Reports that the current attempt produced no response.
   *
   * @return {@link #LOCAL_REPLY} (503 after a failure, 504 after a timeout), or a delay in
   *     nanoseconds (≥ 0) after which to begin a retry
   */
  public long onFailure(AttemptFailure failure) {
    if ((state & FINISHED) != 0) {
      return LOCAL_REPLY;
    }
    boolean timeout = failure == AttemptFailure.TIMEOUT;
    long now = endAttempt(timeout ? AttemptResult.TIMEOUT : AttemptResult.LOCAL_ORIGIN_FAILURE);
    if (timeout && now >= deadline) {
      finish(LocalReply.ROUTE_TIMEOUT_REPLY, RequestOutcome.TIMEOUT, now);
      return LOCAL_REPLY;
    }
    CompiledRetryPolicy p = branch.route().retry();
    if (p != null && p.retriableFailure(failure)) {
      long next = retry(p, now, -1);
      if (next >= 0) {
        return next;
      }
    }
    if (timeout) {
      finish(LocalReply.ROUTE_TIMEOUT_REPLY, RequestOutcome.TIMEOUT, now);
    } else {
      finish(LocalReply.UPSTREAM_FAILURE_REPLY, RequestOutcome.UPSTREAM_FAILURE, now);
    }
    return LOCAL_REPLY;
  }

  /** The app gave up on the call: releases everything it holds. Idempotent. */
  public void cancel() {
    if ((state & FINISHED) == 0) {
      if ((state & IN_ATTEMPT) != 0) {
        endAttempt(AttemptResult.LOCAL_ORIGIN_FAILURE);
      }
      finish(null, RequestOutcome.UPSTREAM_FAILURE);
    }
  }

  private long endAttempt(AttemptResult result) {
    long now = options.clock().nanoTime();
    if ((state & IN_ATTEMPT) != 0) {
      state &= ~IN_ATTEMPT;
      branch.upstream().onAttemptEnd(host, result, now - attemptStartNanos);
    }
    connectionReady();
    if ((state & RETRY_HELD) != 0) {
      state &= ~RETRY_HELD;
      branch.upstream().releaseRetry();
    }
    return now;
  }

  /**
   * Envoy's retry gate: retries left, a replayable body, {@code retriable_request_headers}, time
   * left on the route, the {@code max_retries} / budget breaker, and a host to go to (with {@code
   * previous_hosts}, one not tried yet). Returns the back-off, or -1 for "no retry".
   */
  private long retry(CompiledRetryPolicy p, long now, long rateLimitedDelay) {
    int retriesDone = attempts() - 1;
    if (retriesDone >= p.numRetries()
        || !request.bodyReplayable()
        || !p.requestRetriable(request)) {
      return -1;
    }
    long delay =
        rateLimitedDelay >= 0
            ? rateLimitedDelay
            : p.backOff().delayNanos(retriesDone + 1, options.random());
    if (deadline != Long.MAX_VALUE && now + delay >= deadline) {
      return -1;
    }
    UpstreamCluster upstream = branch.upstream();
    if (!upstream.tryAcquireRetry()) {
      return -1;
    }
    Host next = upstream.pick(pickContext(p));
    if (next == null) {
      upstream.releaseRetry();
      return -1;
    }
    state |= RETRY_HELD;
    host = next;
    branch.metrics().retry();
    return delay;
  }

  private PickContext pickContext(CompiledRetryPolicy p) {
    Extras x = extras;
    boolean hashed = x != null && x.hasHash;
    if (!p.previousHosts()) {
      return hashed ? PickContext.ofHash(x.hash) : branch.defaultPick();
    }
    x = extras();
    if (x.tried == null) {
      x.tried = new ArrayList<>(4);
    }
    if (!x.tried.contains(host)) {
      x.tried.add(host);
    }
    return new PickContext(x.hash, x.hasHash, x.tried, p.hostSelectionMaxAttempts());
  }

  private void finish(LocalReply local, RequestOutcome outcome) {
    finish(local, outcome, options.clock().nanoTime());
  }

  /** Ends the call; {@code now} is a clock reading the caller just took (saves one per call). */
  private void finish(LocalReply local, RequestOutcome outcome, long now) {
    if ((state & FINISHED) != 0) {
      return;
    }
    state |= FINISHED;
    if (local != null) {
      reply = grpcShaped(request, local);
    }
    connectionReady();
    if ((state & REQUEST_HELD) != 0) {
      state &= ~REQUEST_HELD;
      branch.upstream().releaseRequest();
    }
    Extras x = extras;
    if (x != null && x.fault != null) {
      x.fault.release();
    }
    branch.metrics().request(outcome, now - startNanos);
  }

  /**
   * Envoy answers gRPC requests with gRPC-shaped local replies: HTTP 200 and a {@code grpc-status}
   * mapped from the HTTP status (its {@code httpToGrpcStatus}), unless one is set already.
   */
  static LocalReply grpcShaped(OutboundRequest request, LocalReply reply) {
    if (reply.grpcStatus() >= 0 || !CompiledRouteMatch.isGrpc(request)) {
      return reply;
    }
    int grpc =
        switch (reply.status()) {
          case 400 -> 13;
          case 401 -> 16;
          case 403 -> 7;
          case 404 -> 12;
          case 429, 502, 503, 504 -> 14;
          default -> 2;
        };
    return new LocalReply(200, grpc, reply.headers(), reply.body(), reply.reason());
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
