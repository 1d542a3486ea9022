package io.inmesh.engine.route;

import io.inmesh.engine.LocalReply;
import io.inmesh.engine.fault.FaultInjector;
import io.inmesh.engine.ratelimit.LocalRateLimiter;
import io.inmesh.engine.retry.CompiledRetryPolicy;
import io.inmesh.engine.telemetry.MeshMetrics;
import io.inmesh.engine.upstream.PickContext;
import io.inmesh.engine.upstream.Upstreams;
import io.inmesh.model.FaultConfig;
import io.inmesh.model.FilterConfig;
import io.inmesh.model.HttpConnectionManager;
import io.inmesh.model.HttpFilter;
import io.inmesh.model.Listener;
import io.inmesh.model.LocalRateLimitConfig;
import io.inmesh.model.Route;
import io.inmesh.model.RouteAction;
import io.inmesh.model.RouteConfiguration;
import io.inmesh.model.VirtualHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles one listener's route configuration against a snapshot's clusters: regexes compiled with
 * RE2/J once, domains indexed, clusters, header mutations, filter overrides and metrics handles
 * resolved, so that routing a call only reads what is prepared here. Off the request path.
 */
public final class RouteCompiler {
  private final Upstreams upstreams;
  private final Set<String> clusterNames;
  private final MeshMetrics metrics;
  private final SharedFilterState state;
  private final Set<Object> used;
  private final String sourceAddress;

  /**
   * @param used collects the shared-state keys this compilation uses (see {@link
   *     SharedFilterState})
   */
  public RouteCompiler(
      Upstreams upstreams,
      Set<String> clusterNames,
      MeshMetrics metrics,
      SharedFilterState state,
      Set<Object> used,
      String sourceAddress) {
    this.upstreams = upstreams;
    this.clusterNames = clusterNames;
    this.metrics = metrics;
    this.state = state;
    this.used = used;
    this.sourceAddress = sourceAddress;
  }

  /** Drops shared state no compilation since the last call used; call once per snapshot. */
  public static void retain(SharedFilterState state, Set<Object> used) {
    state.retainOnly(used);
  }

  /** Compiles the listener's routes; a bad regex throws {@link IllegalArgumentException}. */
  public RouteTable compile(Listener listener, RouteConfiguration rc) {
    HttpConnectionManager hcm = listener.http();
    VirtualHostIndex.Builder index = new VirtualHostIndex.Builder();
    for (VirtualHost vh : rc.virtualHosts()) {
      RouteEntry[] routes = new RouteEntry[vh.routes().size()];
      for (int i = 0; i < routes.length; i++) {
        Context ctx = new Context(listener, hcm, rc, vh, vh.routes().get(i), i);
        routes[i] = compileRoute(ctx);
      }
      VirtualHostEntry entry = new VirtualHostEntry(vh.name(), routes);
      for (String d : vh.domains()) {
        index.add(d, entry);
      }
    }
    return new RouteTable(rc.name(), index.build());
  }

  private record Context(
      Listener listener,
      HttpConnectionManager hcm,
      RouteConfiguration rc,
      VirtualHost vh,
      Route route,
      int index) {
    String routeScope() {
      return "r:" + rc.name() + "/" + vh.name() + "/" + index;
    }
  }

  private RouteEntry compileRoute(Context ctx) {
    Route route = ctx.route();
    CompiledRouteMatch match = new CompiledRouteMatch(route.match());
    RouteAction action = route.action();
    if (action instanceof RouteAction.DirectResponse d) {
      RouteEntry e = new RouteEntry(route.name(), match, RouteEntry.Kind.DIRECT_RESPONSE);
      e.directReply =
          new LocalReply(d.status(), -1, null, d.body(), LocalReply.Reason.DIRECT_RESPONSE);
      return e;
    }
    if (action instanceof RouteAction.Redirect r) {
      RouteEntry e = new RouteEntry(route.name(), match, RouteEntry.Kind.REDIRECT);
      e.redirect = r;
      return e;
    }
    RouteAction.Forward f = (RouteAction.Forward) action;
    RouteEntry e = new RouteEntry(route.name(), match, RouteEntry.Kind.FORWARD);
    if (f.target() instanceof RouteAction.ClusterTarget.Single s) {
      e.single = branch(ctx, e, s.cluster(), null);
    } else if (f.target() instanceof RouteAction.ClusterTarget.Weighted w) {
      List<ClusterBranch> branches = new ArrayList<>();
      List<Long> cumulative = new ArrayList<>();
      long total = 0;
      for (RouteAction.WeightedCluster wc : w.clusters()) {
        if (wc.weight() <= 0) {
          continue;
        }
        total += wc.weight();
        branches.add(branch(ctx, e, wc.name(), wc));
        cumulative.add(total);
      }
      if (total == 0) {
        throw new IllegalArgumentException(
            "route " + route.name() + ": weighted_clusters has no positive weight");
      }
      e.weighted = branches.toArray(new ClusterBranch[0]);
      e.cumulativeWeights = cumulative.stream().mapToLong(Long::longValue).toArray();
      e.totalWeight = total;
    } else {
      RouteAction.ClusterTarget.FromHeader h = (RouteAction.ClusterTarget.FromHeader) f.target();
      e.clusterHeader = h.header().toLowerCase(Locale.ROOT);
      Map<String, ClusterBranch> byName = new HashMap<>();
      for (String name : clusterNames) {
        byName.put(name, branch(ctx, e, name, null));
      }
      e.byClusterName = Map.copyOf(byName);
    }
    e.prefixRewrite = f.prefixRewrite();
    if (f.regexRewrite() != null) {
      e.regexRewrite = Regexes.compile(f.regexRewrite().pattern());
      e.regexSubstitution = Regexes.substitution(f.regexRewrite().substitution());
    }
    e.hostRewriteLiteral = f.hostRewriteLiteral();
    e.autoHostRewrite = f.autoHostRewrite();
    e.timeoutNanos = f.timeout() == null ? RouteEntry.DEFAULT_TIMEOUT_NANOS : f.timeout().toNanos();
    RouteAction.MaxStreamDuration msd = f.maxStreamDuration();
    Duration maxStream = msd != null ? msd.maxStreamDuration() : null;
    if (maxStream == null || maxStream.isZero()) {
      maxStream = ctx.hcm().maxStreamDuration();
    }
    e.maxStreamNanos = maxStream == null ? 0 : maxStream.toNanos();
    if (msd != null && msd.grpcTimeoutHeaderMax() != null) {
      e.grpcTimeoutFromHeader = true;
      e.grpcTimeoutMaxNanos = msd.grpcTimeoutHeaderMax().toNanos();
      e.grpcTimeoutOffsetNanos =
          msd.grpcTimeoutHeaderOffset() == null ? 0 : msd.grpcTimeoutHeaderOffset().toNanos();
    }
    var policy = f.retryPolicy() != null ? f.retryPolicy() : ctx.vh().retryPolicy();
    e.retry = policy == null ? null : new CompiledRetryPolicy(policy);
    List<MirrorPolicy> mirrors = new ArrayList<>();
    for (RouteAction.RequestMirrorPolicy m : f.mirrors()) {
      long perMillion = m.fraction() == null ? 1_000_000 : m.fraction().perMillion();
      mirrors.add(new MirrorPolicy(mirrorBranch(ctx, e, m.cluster()), perMillion));
    }
    e.mirrors = mirrors.toArray(new MirrorPolicy[0]);
    e.hashPolicies =
        f.hashPolicies().isEmpty() ? null : new HashPolicies(f.hashPolicies(), sourceAddress);
    return e;
  }

  private ClusterBranch mirrorBranch(Context ctx, RouteEntry e, String cluster) {
    // A shadow request carries the route's header mutations but runs no filters (Envoy mirrors
    // after the filter chain has run).
    HeaderOps headers =
        HeaderOps.of(
            ctx.route().requestHeaders(), ctx.vh().requestHeaders(), ctx.rc().requestHeaders());
    return new ClusterBranch(
        e,
        cluster,
        upstreams.cluster(cluster),
        headers,
        new FilterStep[0],
        metrics.route(ctx.route().name() == null ? "" : ctx.route().name(), cluster),
        PickContext.DEFAULT);
  }

  private ClusterBranch branch(
      Context ctx, RouteEntry e, String cluster, RouteAction.WeightedCluster wc) {
    HeaderOps headers =
        HeaderOps.of(
            wc == null ? null : wc.headers(),
            ctx.route().requestHeaders(),
            ctx.vh().requestHeaders(),
            ctx.rc().requestHeaders());
    return new ClusterBranch(
        e,
        cluster,
        upstreams.cluster(cluster),
        headers,
        filters(ctx, cluster, wc),
        metrics.route(ctx.route().name() == null ? "" : ctx.route().name(), cluster),
        PickContext.DEFAULT);
  }

  /** The fault / rate-limit filters before the router, each with its most specific config. */
  private FilterStep[] filters(Context ctx, String cluster, RouteAction.WeightedCluster wc) {
    List<FilterStep> steps = new ArrayList<>();
    for (HttpFilter filter : ctx.hcm().httpFilters()) {
      if (filter.config() instanceof FilterConfig.Router) {
        break;
      }
      String name = filter.name();
      FilterConfig config = filter.config();
      String scope = "l:" + ctx.listener().name() + "/" + name;
      if (wc != null && wc.perFilterConfig().containsKey(name)) {
        config = wc.perFilterConfig().get(name);
        scope = ctx.routeScope() + "/" + cluster + "/" + name;
      } else if (ctx.route().perFilterConfig().containsKey(name)) {
        config = ctx.route().perFilterConfig().get(name);
        scope = ctx.routeScope() + "/" + name;
      } else if (ctx.vh().perFilterConfig().containsKey(name)) {
        config = ctx.vh().perFilterConfig().get(name);
        scope = "v:" + ctx.rc().name() + "/" + ctx.vh().name() + "/" + name;
      }
      if (config instanceof FaultConfig fc) {
        // max_active_faults counts the faults of the filter, whichever override produced them.
        String faultScope = "l:" + ctx.listener().name() + "/" + name;
        steps.add(
            new FilterStep(new FaultInjector(fc, state.activeFaults(faultScope, used)), null));
      } else if (config instanceof LocalRateLimitConfig rl) {
        steps.add(new FilterStep(null, new LocalRateLimiter(rl, state.bucket(scope, rl, used))));
      }
    }
    return steps.toArray(new FilterStep[0]);
  }
}
