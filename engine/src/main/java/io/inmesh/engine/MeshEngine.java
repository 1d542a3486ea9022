package io.inmesh.engine;

import io.inmesh.engine.fault.FaultDecision;
import io.inmesh.engine.route.ClusterBranch;
import io.inmesh.engine.route.FilterStep;
import io.inmesh.engine.route.RouteEntry;
import io.inmesh.engine.route.SharedFilterState;
import io.inmesh.engine.telemetry.FaultKind;
import io.inmesh.engine.upstream.Host;
import io.inmesh.engine.upstream.PickContext;
import io.inmesh.engine.upstream.UpstreamCluster;
import io.inmesh.model.MeshConfigSource;
import io.inmesh.model.MeshSnapshot;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one API every instrumentation calls: Envoy's routing, timeouts, retries, circuit breaking,
 * faults and local rate limits applied to an outbound call the app is about to make.
 *
 * <p>{@link #start(OutboundRequest)} returns null for a call to a host:port the mesh does not know
 * (one hash lookup, no allocation) — the adapter then sends the call untouched — and otherwise a
 * {@link MeshCall} that the adapter drives (see its Javadoc). {@link #connect(String, int)} serves
 * the L4 connect hook.
 *
 * <p>The engine follows its {@link MeshConfigSource}: every snapshot is compiled (regexes, domain
 * indexes, clusters, filter configs) off the request path and published through one volatile
 * reference, so calls never take a lock and always see one consistent snapshot. State that must
 * survive a change survives while its config is unchanged: circuit-breaker counts, outlier state
 * and balancer state (the upstream side), token buckets and active-fault counts (this side).
 */
public final class MeshEngine implements AutoCloseable {
  private final MeshConfigSource source;
  private final EngineOptions options;
  private final SharedFilterState filterState;
  private volatile CompiledMesh mesh = CompiledMesh.EMPTY;

  public MeshEngine(MeshConfigSource source, EngineOptions options) {
    this.source = Objects.requireNonNull(source, "source");
    this.options = Objects.requireNonNull(options, "options");
    this.filterState = new SharedFilterState(options.clock());
    source.addListener(this::onSnapshot);
    refresh();
  }

  public EngineOptions options() {
    return options;
  }

  /** The snapshot calls are planned against now. */
  public MeshSnapshot snapshot() {
    return mesh.snapshot;
  }

  private void onSnapshot(MeshSnapshot snapshot) {
    try {
      update(snapshot);
    } catch (RuntimeException e) {
      // A listener must not throw; the previous compiled snapshot stays in force.
    }
  }

  /** Compiles the source's current snapshot now if it is not the one in force. */
  public void refresh() {
    update(source.snapshot());
  }

  private synchronized void update(MeshSnapshot snapshot) {
    // Serialised and idempotent: the source's listener and a first call that saw the answer first
    // may both get here with the same snapshot.
    CompiledMesh current = mesh;
    if (current.snapshot == snapshot) {
      return;
    }
    mesh = CompiledMesh.compile(snapshot, current, options, filterState);
  }

  // ---- HTTP / gRPC calls ----

  /**
   * Plans a call. Null means pass through (not a mesh service, or still unknown after waiting up to
   * {@link EngineOptions#firstCallWait()} for the control plane: only the first calls to a new name
   * wait). Blocking: use from adapters that may block the caller's thread.
   */
  public MeshCall start(OutboundRequest request) {
    ListenerEntry e = mesh.find(request.host(), request.port());
    if (e == null) {
      e = awaitName(request.host(), request.port());
    }
    return e == null || e.absent() ? null : plan(mesh, e, request);
  }

  /**
   * Plans a call without ever blocking: a name not known yet passes through this time (the control
   * plane is asked for it, so later calls see it).
   */
  public MeshCall tryStart(OutboundRequest request) {
    CompiledMesh m = mesh;
    ListenerEntry e = m.find(request.host(), request.port());
    if (e == null) {
      source.requestListener(CompiledMesh.HostPort.nameOf(request.host(), request.port()));
      return null;
    }
    return e.absent() ? null : plan(m, e, request);
  }

  /**
   * Plans a call for async adapters: completes at once for known names; for a name not known yet,
   * when the control plane answers or after {@link EngineOptions#firstCallWait()}, without a thread
   * of its own. Completes with null for pass-through.
   */
  public CompletableFuture<MeshCall> startAsync(OutboundRequest request) {
    CompiledMesh m = mesh;
    ListenerEntry e = m.find(request.host(), request.port());
    if (e != null) {
      return CompletableFuture.completedFuture(e.absent() ? null : plan(m, e, request));
    }
    String name = CompiledMesh.HostPort.nameOf(request.host(), request.port());
    return source
        .requestListener(name)
        .completeOnTimeout(null, options.firstCallWait().toNanos(), TimeUnit.NANOSECONDS)
        .thenApply(
            s -> {
              refresh();
              CompiledMesh now = mesh;
              ListenerEntry found = now.find(request.host(), request.port());
              return found == null || found.absent() ? null : plan(now, found, request);
            });
  }

  /** Whether {@code host:port} is a known mesh service (no waiting, no allocation). */
  public boolean isMeshService(String host, int port) {
    ListenerEntry e = mesh.find(host, port);
    return e != null && !e.absent();
  }

  private ListenerEntry awaitName(String host, int port) {
    CompletableFuture<MeshSnapshot> answer =
        source.requestListener(CompiledMesh.HostPort.nameOf(host, port));
    try {
      answer.get(options.firstCallWait().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    refresh();
    return mesh.find(host, port);
  }

  /**
   * Route match, target pick, filters (fault, local rate limit) in chain order, {@code
   * max_requests} admission and the first host pick.
   */
  private MeshCall plan(CompiledMesh m, ListenerEntry e, OutboundRequest request) {
    if (e.routes() == null) {
      // A TCP-only service called over HTTP: the connect hook applies its tcp_proxy instead.
      return null;
    }
    long start = options.clock().nanoTime();
    RouteEntry route = e.routes().match(request);
    if (route == null) {
      return MeshCall.local(options, request, null, LocalReply.NO_ROUTE_REPLY, m.unrouted, start);
    }
    switch (route.kind()) {
      case DIRECT_RESPONSE:
        return MeshCall.local(options, request, null, route.directReply(), m.unrouted, start);
      case REDIRECT:
        return MeshCall.local(
            options, request, null, route.redirectReply(request), m.unrouted, start);
      default:
        break;
    }
    ClusterBranch branch = route.pickBranch(request, options.random());
    if (branch == null || branch.upstream() == null) {
      return MeshCall.local(
          options,
          request,
          null,
          LocalReply.NO_CLUSTER_REPLY,
          branch == null ? m.unrouted : branch.metrics(),
          start);
    }
    FaultDecision fault = null;
    LocalReply filterReply = null;
    for (FilterStep step : branch.filters()) {
      if (step.fault() != null) {
        FaultDecision d = step.fault().decide(request, branch.cluster(), options.random());
        if (d == null) {
          continue;
        }
        if (fault != null) {
          fault.release();
        }
        fault = d;
        if (d.delayMillis() > 0) {
          branch.metrics().faultInjected(FaultKind.DELAY);
        }
        if (d.aborts()) {
          branch.metrics().faultInjected(FaultKind.ABORT);
          filterReply = faultReply(d);
          break;
        }
      } else if (step.rateLimit().refuse(options.random())) {
        branch.metrics().rateLimited();
        filterReply =
            new LocalReply(
                step.rateLimit().status(),
                -1,
                step.rateLimit().replyHeaders(),
                "local_rate_limited",
                LocalReply.Reason.RATE_LIMITED);
        break;
      }
    }
    if (filterReply != null) {
      MeshCall c = new MeshCall(options, request, branch, null, start, 0, false);
      if (fault != null) {
        c.attachFault(fault);
      }
      c.abortLocally(filterReply);
      return c;
    }
    UpstreamCluster upstream = branch.upstream();
    if (!upstream.tryAcquireRequest()) {
      if (fault != null) {
        fault.release();
      }
      return MeshCall.local(
          options, request, branch, LocalReply.OVERFLOW_REPLY, branch.metrics(), start);
    }
    PickContext ctx = branch.defaultPick();
    long hash = 0;
    boolean hashed = false;
    if (route.hashPolicies() != null) {
      hash = route.hashPolicies().hash(request);
      hashed = hash != 0;
      if (hashed) {
        ctx = PickContext.ofHash(hash);
      }
    }
    Host host = upstream.pick(ctx);
    if (host == null) {
      upstream.releaseRequest();
      if (fault != null) {
        fault.release();
      }
      return MeshCall.local(
          options, request, branch, LocalReply.NO_HEALTHY_REPLY, branch.metrics(), start);
    }
    MeshCall call =
        new MeshCall(
            options, request, branch, host, start, route.effectiveTimeoutNanos(request), true);
    if (fault != null) {
      call.attachFault(fault);
    }
    if (hashed) {
      call.attachHash(hash);
    }
    return call;
  }

  private static LocalReply faultReply(FaultDecision d) {
    if (d.httpStatus() >= 0) {
      return new LocalReply(
          d.httpStatus(), -1, null, "fault filter abort", LocalReply.Reason.FAULT_ABORT);
    }
    return new LocalReply(200, d.grpcStatus(), null, null, LocalReply.Reason.FAULT_ABORT);
  }

  // ---- L4 ----

  /**
   * Plans a TCP connection to {@code host:port} for the connect hook: a listener by that name or by
   * {@code Listener.address}, its {@code tcp_proxy} cluster or else the cluster its routes send
   * {@code GET /} to. Null: not a mesh service (connect as asked). Blocks like {@link #start} for a
   * name not known yet.
   */
  public MeshConnection connect(String host, int port) {
    ListenerEntry e = mesh.find(host, port);
    if (e == null) {
      e = awaitName(host, port);
    }
    if (e == null || e.absent()) {
      return null;
    }
    UpstreamCluster cluster = tcpClusterOf(e, host, port);
    if (cluster == null) {
      return MeshConnection.refused(MeshConnection.Refusal.NO_CLUSTER);
    }
    return MeshConnection.open(cluster, options.clock());
  }

  // ---- names and addresses, for the DNS and connect hooks (never block, never ask the source)
  // ----

  /**
   * A port of some listener named {@code host:<port>}, or -1 when {@code host} is not a mesh name
   * now. The DNS hook's test; no waiting, no allocation for lower-case names.
   */
  public int meshNamePort(String host) {
    return mesh.anyPort(host);
  }

  /**
   * The listener for {@code host:port} by name or by {@code Listener.address}, or null when none is
   * known now (no waiting).
   */
  public io.inmesh.model.Listener listener(String host, int port) {
    ListenerEntry e = mesh.find(host, port);
    return e == null ? null : e.listener();
  }

  /**
   * The cluster a TCP connection to {@code host:port} goes to (as {@link #connect} chooses it), or
   * null; no admission, no waiting. The DNS hook answers with its endpoints in proxyless mode.
   */
  public UpstreamCluster tcpCluster(String host, int port) {
    ListenerEntry e = mesh.find(host, port);
    return e == null || e.absent() ? null : tcpClusterOf(e, host, port);
  }

  private UpstreamCluster tcpClusterOf(ListenerEntry e, String host, int port) {
    UpstreamCluster cluster = e.tcpCluster();
    if (cluster == null && e.routes() != null) {
      boolean defaultPort = port == 80;
      RouteEntry r =
          e.routes()
              .match(
                  new SimpleRequest(
                      "http",
                      host,
                      port,
                      defaultPort ? host : CompiledMesh.HostPort.nameOf(host, port),
                      "GET",
                      "/",
                      null,
                      HeaderView.EMPTY,
                      true));
      ClusterBranch b =
          r == null || r.kind() != RouteEntry.Kind.FORWARD
              ? null
              : r.pickBranch(SimpleRequest.get(host, port, "/"), options.random());
      cluster = b == null ? null : b.upstream();
    }
    return cluster;
  }

  /** The upstream state calls are sent through now (for diagnostics and tests). */
  public io.inmesh.engine.upstream.Upstreams upstreams() {
    return mesh.upstreams;
  }

  @Override
  public void close() {
    // The source belongs to whoever created it; nothing of ours holds threads or sockets.
  }
}
