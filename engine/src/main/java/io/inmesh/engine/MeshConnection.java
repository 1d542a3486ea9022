package io.inmesh.engine;

import io.inmesh.engine.upstream.AttemptResult;
import io.inmesh.engine.upstream.Host;
import io.inmesh.engine.upstream.PickContext;
import io.inmesh.engine.upstream.UpstreamClock;
import io.inmesh.engine.upstream.UpstreamCluster;
import io.inmesh.model.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One TCP connection to a mesh service, planned for the connect hook: the endpoint to connect to,
 * the cluster's connect timeout, {@code max_connections} admission, and connect-failure reporting
 * with a fresh endpoint for another try.
 *
 * <pre>{@code
 * MeshConnection c = engine.connect(host, port);   // null: not a mesh service
 * if (c.refusal() != null) throw new ConnectException(...);
 * for (SocketAddress a = c.endpoint(); a != null; a = c.onConnectFailure()) {
 *   try { connect(a, c.connectTimeoutMillis()); c.onConnected(); break; } catch (IOException e) {}
 * }
 * ... later, when the socket closes: c.close();
 * }</pre>
 */
public final class MeshConnection {
  /** Why no connection may be made. */
  public enum Refusal {
    /** {@code max_connections} overflowed. */
    OVERFLOW,
    /** The service's cluster has no usable endpoint. */
    NO_HEALTHY_UPSTREAM,
    /** The service names no known cluster. */
    NO_CLUSTER
  }

  /** How many endpoints a connect is tried on before giving up (the first included). */
  public static final int MAX_CONNECT_ATTEMPTS = 3;

  private final UpstreamCluster cluster;
  private final UpstreamClock clock;
  private final Refusal refusal;
  private Host host;
  private long attemptStart;
  private int attempts;
  private boolean held;
  private List<Host> tried;

  private MeshConnection(UpstreamCluster cluster, UpstreamClock clock, Refusal refusal) {
    this.cluster = cluster;
    this.clock = clock;
    this.refusal = refusal;
  }

  static MeshConnection refused(Refusal why) {
    return new MeshConnection(null, null, why);
  }

  static MeshConnection open(UpstreamCluster cluster, UpstreamClock clock) {
    if (!cluster.tryAcquireConnection()) {
      return refused(Refusal.OVERFLOW);
    }
    Host host = cluster.pick(PickContext.DEFAULT);
    if (host == null) {
      cluster.releaseConnection();
      return refused(Refusal.NO_HEALTHY_UPSTREAM);
    }
    MeshConnection c = new MeshConnection(cluster, clock, null);
    c.held = true;
    c.start(host);
    return c;
  }

  private void start(Host h) {
    host = h;
    attempts++;
    attemptStart = clock.nanoTime();
    cluster.onAttemptStart(h);
  }

  /** Non-null: fail the connect (as a connection refused) without trying. */
  public Refusal refusal() {
    return refusal;
  }

  /** The endpoint to connect to now, or null when refused. */
  public SocketAddress endpoint() {
    return host == null ? null : host.address();
  }

  public Host host() {
    return host;
  }

  /** The cluster's {@code connect_timeout} (Envoy default 5 s). */
  public long connectTimeoutMillis() {
    return cluster == null ? 0 : cluster.config().connectTimeout().toMillis();
  }

  /** The connect succeeded. */
  public void onConnected() {
    if (host != null && attemptStart != 0) {
      cluster.onAttemptEnd(host, AttemptResult.SUCCESS, clock.nanoTime() - attemptStart);
      attemptStart = 0;
    }
  }

  /**
   * The connect failed (refused, unreachable, timed out). Returns another endpoint to try, or null
   * to give up (then the connection's count is released).
   */
  public SocketAddress onConnectFailure() {
    if (host == null) {
      return null;
    }
    cluster.onAttemptEnd(host, AttemptResult.LOCAL_ORIGIN_FAILURE, clock.nanoTime() - attemptStart);
    attemptStart = 0;
    if (tried == null) {
      tried = new ArrayList<>(MAX_CONNECT_ATTEMPTS);
    }
    tried.add(host);
    Host next =
        attempts < MAX_CONNECT_ATTEMPTS
            ? cluster.pick(new PickContext(0, false, tried, MAX_CONNECT_ATTEMPTS))
            : null;
    if (next == null || tried.contains(next)) {
      host = null;
      close();
      return null;
    }
    start(next);
    return next.address();
  }

  /** The socket closed (or the connect was abandoned): releases {@code max_connections}. */
  public void close() {
    if (held) {
      held = false;
      if (attemptStart != 0 && host != null) {
        cluster.onAttemptEnd(
            host, AttemptResult.LOCAL_ORIGIN_FAILURE, clock.nanoTime() - attemptStart);
        attemptStart = 0;
      }
      cluster.releaseConnection();
    }
  }
}
