package io.inmesh.engine.testing;

import io.inmesh.engine.EngineOptions;
import io.inmesh.engine.HeaderView;
import io.inmesh.engine.MeshEngine;
import io.inmesh.engine.SimpleRequest;
import io.inmesh.engine.upstream.RandomSource;
import io.inmesh.model.CircuitBreakers;
import io.inmesh.model.Cluster;
import io.inmesh.model.ClusterLoadAssignment;
import io.inmesh.model.FilterConfig;
import io.inmesh.model.HeaderMatcher;
import io.inmesh.model.HeaderMutations;
import io.inmesh.model.HttpConnectionManager;
import io.inmesh.model.HttpFilter;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.LbPolicy;
import io.inmesh.model.Listener;
import io.inmesh.model.LocalityEndpoints;
import io.inmesh.model.MeshConfigSource;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.PathMatch;
import io.inmesh.model.RetryPolicy;
import io.inmesh.model.Route;
import io.inmesh.model.RouteAction;
import io.inmesh.model.RouteConfiguration;
import io.inmesh.model.RouteMatch;
import io.inmesh.model.StringMatcher;
import io.inmesh.model.VirtualHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builders for mesh snapshots made of the model records, for engine tests and the benchmarks
 * (packaged in the engine's test-jar). Everything defaults to Envoy's defaults.
 */
public final class MeshFixture {
  private MeshFixture() {}

  /** A STATIC round-robin cluster with inline endpoints {@code "ip:port"}. */
  public static Cluster cluster(String name, String... endpoints) {
    return cluster(name, CircuitBreakers.DEFAULTS, endpoints);
  }

  public static Cluster cluster(String name, CircuitBreakers breakers, String... endpoints) {
    List<LbEndpoint> eps = new ArrayList<>();
    for (String e : endpoints) {
      int colon = e.lastIndexOf(':');
      eps.add(LbEndpoint.of(e.substring(0, colon), Integer.parseInt(e.substring(colon + 1))));
    }
    ClusterLoadAssignment cla =
        ClusterLoadAssignment.of(name, List.of(new LocalityEndpoints(null, eps, 1, 0)));
    return new Cluster(
        name,
        Cluster.DiscoveryType.STATIC,
        null,
        cla,
        LbPolicy.ROUND_ROBIN,
        null,
        Duration.ofMillis(250),
        breakers,
        null,
        50,
        null);
  }

  /** Breakers with the given {@code max_requests} and {@code max_retries}, others at default. */
  public static CircuitBreakers breakers(int maxRequests, int maxRetries) {
    return new CircuitBreakers(
        List.of(
            new CircuitBreakers.Thresholds(
                CircuitBreakers.RoutingPriority.DEFAULT,
                1024,
                1024,
                maxRequests,
                maxRetries,
                null)));
  }

  /** An HTTP listener with inline routes; {@code filters} run before the router. */
  public static Listener listener(String name, RouteConfiguration routes, HttpFilter... filters) {
    List<HttpFilter> chain = new ArrayList<>(List.of(filters));
    chain.add(new HttpFilter("envoy.filters.http.router", new FilterConfig.Router()));
    return new Listener(name, null, new HttpConnectionManager(null, routes, chain, null), null);
  }

  public static RouteConfiguration routes(String name, VirtualHost... vhosts) {
    return new RouteConfiguration(name, List.of(vhosts), null);
  }

  public static VirtualHost vhost(String name, List<String> domains, Route... routes) {
    return new VirtualHost(name, domains, List.of(routes), null, null, null);
  }

  public static Route route(String name, RouteMatch match, RouteAction action) {
    return new Route(name, match, action, null, null);
  }

  /** A route to {@code cluster} for every path starting with {@code prefix}. */
  public static Route prefixRoute(String prefix, String cluster) {
    return route(prefix, RouteMatch.prefix(prefix), RouteAction.Forward.to(cluster));
  }

  public static RouteMatch match(PathMatch path, HeaderMatcher... headers) {
    return new RouteMatch(path, true, List.of(headers), List.of(), null, false);
  }

  public static HeaderMatcher exactHeader(String name, String value) {
    return new HeaderMatcher(
        name, new HeaderMatcher.Text(StringMatcher.exact(value)), false, false);
  }

  /** A forward to {@code cluster} with a route timeout and retry policy (either may be null). */
  public static RouteAction.Forward forward(String cluster, Duration timeout, RetryPolicy retry) {
    return new RouteAction.Forward(
        new RouteAction.ClusterTarget.Single(cluster),
        null,
        null,
        null,
        false,
        timeout,
        retry,
        null,
        null,
        null);
  }

  /** A retry policy with Envoy's defaults apart from the tokens and count. */
  public static RetryPolicy retry(int numRetries, String... retryOn) {
    return retryPolicy(Set.of(retryOn), numRetries, null, List.of());
  }

  public static RetryPolicy retryPolicy(
      Set<String> retryOn, int numRetries, Duration perTryTimeout, List<String> predicates) {
    return new RetryPolicy(
        retryOn,
        numRetries,
        perTryTimeout,
        null,
        Set.of(),
        List.of(),
        List.of(),
        null,
        null,
        null,
        predicates,
        0,
        null);
  }

  public static HeaderMutations add(String name, String value) {
    return new HeaderMutations(
        List.of(new io.inmesh.model.HeaderValueOption(name, value, false, false)), List.of());
  }

  /** A snapshot of these listeners and clusters. */
  public static MeshSnapshot snapshot(List<Listener> listeners, List<Cluster> clusters) {
    return snapshot(listeners, clusters, Set.of());
  }

  public static MeshSnapshot snapshot(
      List<Listener> listeners, List<Cluster> clusters, Set<String> absent) {
    Map<String, Listener> ls = new LinkedHashMap<>();
    listeners.forEach(l -> ls.put(l.name(), l));
    Map<String, Cluster> cs = new HashMap<>();
    clusters.forEach(c -> cs.put(c.name(), c));
    return new MeshSnapshot("test", ls, Map.of(), cs, Map.of(), absent);
  }

  /** An engine over a fixed snapshot with a fixed seed and the given clock. */
  public static MeshEngine engine(MeshSnapshot snapshot, TestClock clock, long seed) {
    return new MeshEngine(
        MeshConfigSource.fixed(snapshot),
        EngineOptions.defaults()
            .withClock(clock)
            .withRandom(RandomSource.seeded(seed))
            .withEpochMillis(() -> clock.nanoTime() / 1_000_000)
            .withFirstCallWait(Duration.ofMillis(50)));
  }

  /** Request headers from {@code name, value} pairs (names lower case). */
  public static HeaderView headers(String... kv) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put(kv[i], kv[i + 1]);
    }
    return map::get;
  }

  /** A GET to {@code authority} (host[:port]) resolved at {@code host:port}. */
  public static SimpleRequest get(
      String host, int port, String authority, String pathAndQuery, HeaderView headers) {
    int q = pathAndQuery.indexOf('?');
    return new SimpleRequest(
        "http",
        host,
        port,
        authority,
        "GET",
        q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
        q < 0 ? null : pathAndQuery.substring(q + 1),
        headers,
        true);
  }

  /** A monotonic clock tests move by hand. */
  public static final class TestClock implements io.inmesh.engine.upstream.UpstreamClock {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
      return now.get();
    }

    public void advance(Duration d) {
      now.addAndGet(d.toNanos());
    }

    public void advanceNanos(long nanos) {
      now.addAndGet(nanos);
    }
  }
}
