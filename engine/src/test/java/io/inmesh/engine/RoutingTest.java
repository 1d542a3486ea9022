package io.inmesh.engine;

import static io.inmesh.engine.testing.MeshFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.testing.MeshFixture.TestClock;
import io.inmesh.model.Cluster;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HeaderMatcher;
import io.inmesh.model.HeaderMutations;
import io.inmesh.model.HeaderValueOption;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.PathMatch;
import io.inmesh.model.QueryParameterMatcher;
import io.inmesh.model.Route;
import io.inmesh.model.RouteAction;
import io.inmesh.model.RouteConfiguration;
import io.inmesh.model.RouteMatch;
import io.inmesh.model.StringMatcher;
import io.inmesh.model.VirtualHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTest {
  private static final List<Cluster> CLUSTERS = new ArrayList<>();

  static {
    for (String c :
        List.of(
            "exact",
            "suffix",
            "longsuffix",
            "prefix",
            "any",
            "withport",
            "c1",
            "c2",
            "c3",
            "c4",
            "c5",
            "c6",
            "c7",
            "c8",
            "c9",
            "c10",
            "dflt",
            "a",
            "b",
            "c")) {
      CLUSTERS.add(cluster(c, "10.0.0.1:80"));
    }
  }

  private static MeshEngine engineFor(RouteConfiguration rc) {
    return engine(snapshot(List.of(listener("svc:80", rc)), CLUSTERS), new TestClock(), 7);
  }

  private static String clusterOf(MeshEngine engine, String authority, String path, HeaderView h) {
    MeshCall call = engine.start(get("svc", 80, authority, path, h));
    assertThat(call).isNotNull();
    if (call.localReply() != null) {
      return "reply:" + call.localReply().status();
    }
    return call.cluster();
  }

  @Test
  void virtualHostPrecedenceIsExactThenLongestSuffixThenLongestPrefixThenAny() {
    MeshEngine engine =
        engineFor(
            routes(
                "rc",
                vhost("any", List.of("*"), prefixRoute("/", "any")),
                vhost("suffix", List.of("*.example.com"), prefixRoute("/", "suffix")),
                vhost("longsuffix", List.of("*.api.example.com"), prefixRoute("/", "longsuffix")),
                vhost("prefix", List.of("api.*"), prefixRoute("/", "prefix")),
                vhost("exact", List.of("api.example.com"), prefixRoute("/", "exact")),
                vhost("withport", List.of("ported.example.com:80"), prefixRoute("/", "withport"))));
    HeaderView none = HeaderView.EMPTY;
    assertThat(clusterOf(engine, "api.example.com", "/", none)).isEqualTo("exact");
    assertThat(clusterOf(engine, "API.Example.com", "/", none)).isEqualTo("exact");
    assertThat(clusterOf(engine, "x.api.example.com", "/", none)).isEqualTo("longsuffix");
    assertThat(clusterOf(engine, "foo.example.com", "/", none)).isEqualTo("suffix");
    // The suffix wildcard must match at least one character.
    assertThat(clusterOf(engine, ".example.com", "/", none)).isEqualTo("any");
    assertThat(clusterOf(engine, "api.other.org", "/", none)).isEqualTo("prefix");
    assertThat(clusterOf(engine, "elsewhere", "/", none)).isEqualTo("any");
    // With a port: matched as sent first, then without the port before falling back to "*".
    assertThat(clusterOf(engine, "ported.example.com:80", "/", none)).isEqualTo("withport");
    // As sent, "api.*" matches "api.example.com:8080" (Envoy picks it too): no stripping then.
    assertThat(clusterOf(engine, "api.example.com:8080", "/", none)).isEqualTo("prefix");
    assertThat(clusterOf(engine, "foo.example.com:8080", "/", none)).isEqualTo("suffix");
    assertThat(clusterOf(engine, "elsewhere:8080", "/", none)).isEqualTo("any");
  }

  @Test
  void noVirtualHostOrNoRouteIsEnvoysNr404() {
    MeshEngine engine =
        engineFor(routes("rc", vhost("only", List.of("svc"), prefixRoute("/api", "c1"))));
    MeshCall noRoute = engine.start(get("svc", 80, "svc", "/other", HeaderView.EMPTY));
    assertThat(noRoute.localReply().status()).isEqualTo(404);
    assertThat(noRoute.localReply().reason()).isEqualTo(LocalReply.Reason.NO_ROUTE);
    MeshCall noVhost = engine.start(get("svc", 80, "nobody", "/api", HeaderView.EMPTY));
    assertThat(noVhost.localReply().status()).isEqualTo(404);
  }

  private static HeaderMatcher text(
      String name, StringMatcher.Kind kind, String value, boolean ignoreCase) {
    return new HeaderMatcher(
        name, new HeaderMatcher.Text(new StringMatcher(kind, value, ignoreCase)), false, false);
  }

  @Test
  void eachMatcherKindAndFirstMatchWins() {
    List<Route> rs = new ArrayList<>();
    rs.add(route("exact", match(new PathMatch.Exact("/exact")), RouteAction.Forward.to("c1")));
    rs.add(
        route(
            "ci",
            new RouteMatch(
                new PathMatch.Prefix("/CaseInsensitive"), false, List.of(), List.of(), null, false),
            RouteAction.Forward.to("c2")));
    rs.add(route("re", match(new PathMatch.Regex("/re/[0-9]+")), RouteAction.Forward.to("c3")));
    rs.add(
        route("sep", match(new PathMatch.SeparatedPrefix("/sep")), RouteAction.Forward.to("c4")));
    rs.add(
        route(
            "hprefix",
            match(new PathMatch.Prefix("/h"), text("x-p", StringMatcher.Kind.PREFIX, "ab", false)),
            RouteAction.Forward.to("c5")));
    rs.add(
        route(
            "hsuffix",
            match(new PathMatch.Prefix("/h"), text("x-s", StringMatcher.Kind.SUFFIX, "YZ", true)),
            RouteAction.Forward.to("c6")));
    rs.add(
        route(
            "hcontains",
            match(
                new PathMatch.Prefix("/h"), text("x-c", StringMatcher.Kind.CONTAINS, "MID", true)),
            RouteAction.Forward.to("c7")));
    rs.add(
        route(
            "hregex",
            match(
                new PathMatch.Prefix("/h"),
                text("x-r", StringMatcher.Kind.SAFE_REGEX, "v[0-9]", false)),
            RouteAction.Forward.to("c8")));
    rs.add(
        route(
            "hrange",
            match(
                new PathMatch.Prefix("/h"),
                new HeaderMatcher("x-n", new HeaderMatcher.Range(10, 20), false, false)),
            RouteAction.Forward.to("c9")));
    rs.add(
        route(
            "habsent",
            match(
                new PathMatch.Prefix("/h"),
                new HeaderMatcher("x-gone", new HeaderMatcher.Present(false), false, false)),
            RouteAction.Forward.to("c10")));
    rs.add(
        route(
            "hinvert",
            match(
                new PathMatch.Prefix("/inv"),
                new HeaderMatcher(
                    "x-i", new HeaderMatcher.Text(StringMatcher.exact("no")), true, false)),
            RouteAction.Forward.to("c1")));
    rs.add(
        route(
            "hempty",
            match(
                new PathMatch.Prefix("/empty"),
                new HeaderMatcher(
                    "x-e", new HeaderMatcher.Text(StringMatcher.exact("")), false, true)),
            RouteAction.Forward.to("c2")));
    rs.add(
        route(
            "query",
            new RouteMatch(
                new PathMatch.Prefix("/q"),
                true,
                List.of(),
                List.of(
                    new QueryParameterMatcher("v", StringMatcher.exact("2")),
                    new QueryParameterMatcher("debug", null)),
                null,
                false),
            RouteAction.Forward.to("c3")));
    rs.add(
        route(
            "grpc",
            new RouteMatch(
                new PathMatch.Prefix("/pkg.Svc/"), true, List.of(), List.of(), null, true),
            RouteAction.Forward.to("c4")));
    rs.add(route("shadowed", match(new PathMatch.Exact("/exact")), RouteAction.Forward.to("c9")));
    rs.add(prefixRoute("/", "dflt"));
    MeshEngine engine = engineFor(routes("rc", vhost("v", List.of("*"), rs.toArray(new Route[0]))));
    HeaderView none = HeaderView.EMPTY;

    assertThat(clusterOf(engine, "svc", "/exact", none)).isEqualTo("c1");
    assertThat(clusterOf(engine, "svc", "/exact/more", none)).isEqualTo("dflt");
    assertThat(clusterOf(engine, "svc", "/caseinsensitive/x", none)).isEqualTo("c2");
    assertThat(clusterOf(engine, "svc", "/re/123", none)).isEqualTo("c3");
    assertThat(clusterOf(engine, "svc", "/re/123x", none))
        .as("regex is a full match")
        .isEqualTo("dflt");
    assertThat(clusterOf(engine, "svc", "/sep", none)).isEqualTo("c4");
    assertThat(clusterOf(engine, "svc", "/sep/a", none)).isEqualTo("c4");
    assertThat(clusterOf(engine, "svc", "/separate", none)).isEqualTo("dflt");
    assertThat(clusterOf(engine, "svc", "/h", headers("x-p", "abc"))).isEqualTo("c5");
    assertThat(clusterOf(engine, "svc", "/h", headers("x-p", "xab", "x-gone", "1")))
        .isEqualTo("dflt");
    assertThat(clusterOf(engine, "svc", "/h", headers("x-s", "wxyz", "x-gone", "1")))
        .isEqualTo("c6");
    assertThat(clusterOf(engine, "svc", "/h", headers("x-c", "a-mid-b", "x-gone", "1")))
        .isEqualTo("c7");
    assertThat(clusterOf(engine, "svc", "/h", headers("x-r", "v7", "x-gone", "1"))).isEqualTo("c8");
    assertThat(clusterOf(engine, "svc", "/h", headers("x-r", "v77", "x-gone", "1")))
        .isEqualTo("dflt");
    assertThat(clusterOf(engine, "svc", "/h", headers("x-n", "19", "x-gone", "1"))).isEqualTo("c9");
    assertThat(clusterOf(engine, "svc", "/h", headers("x-n", "20", "x-gone", "1")))
        .isEqualTo("dflt");
    assertThat(clusterOf(engine, "svc", "/h", none)).isEqualTo("c10");
    // Inverted: a different value matches, a missing header does not (Envoy's rule).
    assertThat(clusterOf(engine, "svc", "/inv", headers("x-i", "yes"))).isEqualTo("c1");
    assertThat(clusterOf(engine, "svc", "/inv", headers("x-i", "no"))).isEqualTo("dflt");
    assertThat(clusterOf(engine, "svc", "/inv", none)).isEqualTo("dflt");
    assertThat(clusterOf(engine, "svc", "/empty", none))
        .as("treat_missing_as_empty")
        .isEqualTo("c2");
    assertThat(clusterOf(engine, "svc", "/q?v=2&debug", none)).isEqualTo("c3");
    assertThat(clusterOf(engine, "svc", "/q?v=2", none)).isEqualTo("dflt");
    assertThat(clusterOf(engine, "svc", "/q?v=22&debug=1", none)).isEqualTo("dflt");
    assertThat(
            clusterOf(
                engine, "svc", "/pkg.Svc/Call", headers("content-type", "application/grpc+proto")))
        .isEqualTo("c4");
    assertThat(
            clusterOf(engine, "svc", "/pkg.Svc/Call", headers("content-type", "application/json")))
        .isEqualTo("dflt");
  }

  /** |observed - expected| within 5 standard deviations of a binomial: fails by chance < 1e-6. */
  private static void assertShare(int observed, int n, double p) {
    double sd = Math.sqrt(n * p * (1 - p));
    assertThat((double) observed).isBetween(n * p - 5 * sd, n * p + 5 * sd);
  }

  @Test
  void weightedClustersSplitByWeight() {
    RouteAction.Forward split =
        new RouteAction.Forward(
            new RouteAction.ClusterTarget.Weighted(
                List.of(
                    new RouteAction.WeightedCluster("a", 10, null, null),
                    new RouteAction.WeightedCluster("b", 30, null, null),
                    new RouteAction.WeightedCluster("c", 60, null, null)),
                100),
            null,
            null,
            null,
            false,
            null,
            null,
            null,
            null,
            null);
    MeshEngine engine =
        engineFor(
            routes("rc", vhost("v", List.of("*"), route("split", RouteMatch.prefix("/"), split))));
    Map<String, Integer> counts = new HashMap<>();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      MeshCall call = engine.start(get("svc", 80, "svc", "/", HeaderView.EMPTY));
      counts.merge(call.cluster(), 1, Integer::sum);
      call.cancel();
    }
    assertShare(counts.get("a"), n, 0.1);
    assertShare(counts.get("b"), n, 0.3);
    assertShare(counts.get("c"), n, 0.6);
  }

  @Test
  void runtimeFractionTakesItsShareAndTheRestFallsThrough() {
    Route quarter =
        route(
            "quarter",
            new RouteMatch(
                new PathMatch.Prefix("/"),
                true,
                List.of(),
                List.of(),
                new FractionalPercent(25, 100),
                false),
            RouteAction.Forward.to("a"));
    MeshEngine engine =
        engineFor(routes("rc", vhost("v", List.of("*"), quarter, prefixRoute("/", "b"))));
    int n = 20_000;
    int a = 0;
    for (int i = 0; i < n; i++) {
      MeshCall call = engine.start(get("svc", 80, "svc", "/", HeaderView.EMPTY));
      if (call.cluster().equals("a")) {
        a++;
      }
      call.cancel();
    }
    assertShare(a, n, 0.25);
  }

  @Test
  void prefixRegexAndHostRewrites() {
    RouteAction.Forward prefix =
        new RouteAction.Forward(
            new RouteAction.ClusterTarget.Single("c1"),
            "/v2/",
            null,
            "backend.internal",
            false,
            null,
            null,
            null,
            null,
            null);
    RouteAction.Forward regex =
        new RouteAction.Forward(
            new RouteAction.ClusterTarget.Single("c2"),
            null,
            new RouteAction.RegexRewrite("^/service/([^/]+)(/.*)$", "\\2/instance/\\1"),
            null,
            false,
            null,
            null,
            null,
            null,
            null);
    Cluster named =
        new Cluster(
            "named",
            Cluster.DiscoveryType.STATIC,
            null,
            io.inmesh.model.ClusterLoadAssignment.of(
                "named",
                List.of(
                    new io.inmesh.model.LocalityEndpoints(
                        null,
                        List.of(
                            new LbEndpoint(
                                new io.inmesh.model.SocketAddress("10.1.1.1", 80),
                                null,
                                1,
                                "pod-1.named.local")),
                        1,
                        0))),
            io.inmesh.model.LbPolicy.ROUND_ROBIN,
            null,
            null,
            null,
            null,
            50,
            null);
    RouteAction.Forward auto =
        new RouteAction.Forward(
            new RouteAction.ClusterTarget.Single("named"),
            null,
            null,
            null,
            true,
            null,
            null,
            null,
            null,
            null);
    List<Cluster> clusters = new ArrayList<>(CLUSTERS);
    clusters.add(named);
    MeshEngine engine =
        engine(
            snapshot(
                List.of(
                    listener(
                        "svc:80",
                        routes(
                            "rc",
                            vhost(
                                "v",
                                List.of("*"),
                                route("p", RouteMatch.prefix("/api/"), prefix),
                                route("r", RouteMatch.prefix("/service/"), regex),
                                route("auto", RouteMatch.prefix("/auto"), auto))))),
                clusters),
            new TestClock(),
            1);
    MeshCall p = engine.start(get("svc", 80, "svc", "/api/users?id=1", HeaderView.EMPTY));
    assertThat(p.path()).isEqualTo("/v2/users");
    assertThat(p.pathAndQuery()).isEqualTo("/v2/users?id=1");
    assertThat(p.authority()).isEqualTo("backend.internal");
    MeshCall r = engine.start(get("svc", 80, "svc", "/service/foo/v1/api", HeaderView.EMPTY));
    assertThat(r.path()).isEqualTo("/v1/api/instance/foo");
    assertThat(r.authority()).as("no host rewrite keeps the app's authority").isEqualTo("svc");
    MeshCall a = engine.start(get("svc", 80, "svc", "/auto", HeaderView.EMPTY));
    assertThat(a.authority()).isEqualTo("pod-1.named.local");
    assertThat(a.endpoint()).isEqualTo(new io.inmesh.model.SocketAddress("10.1.1.1", 80));
  }

  /** Records what the engine asks the adapter to do to its headers. */
  static final class RecordingSink implements HeaderSink {
    final List<String> ops = new ArrayList<>();
    final Map<String, List<String>> headers = new HashMap<>();

    @Override
    public void set(String name, String value) {
      ops.add("set " + name + "=" + value);
      headers.put(name, new ArrayList<>(List.of(value)));
    }

    @Override
    public void append(String name, String value) {
      ops.add("append " + name + "=" + value);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    @Override
    public void remove(String name) {
      ops.add("remove " + name);
      headers.remove(name);
    }
  }

  @Test
  void headerMutationsApplyMostSpecificFirstSoTheRouteConfigurationWinsByDefault() {
    HeaderMutations wc =
        new HeaderMutations(
            List.of(new HeaderValueOption("x-level", "weighted", false, false)), List.of("x-drop"));
    RouteAction.Forward split =
        new RouteAction.Forward(
            new RouteAction.ClusterTarget.Weighted(
                List.of(new RouteAction.WeightedCluster("a", 1, wc, null)), 1),
            null,
            null,
            null,
            false,
            null,
            null,
            null,
            null,
            null);
    Route r =
        new Route(
            "r",
            RouteMatch.prefix("/"),
            split,
            new HeaderMutations(
                List.of(
                    new HeaderValueOption("x-level", "route", false, false),
                    new HeaderValueOption("x-trace", "r", true, false),
                    new HeaderValueOption("x-keep", "mesh", false, true)),
                List.of()),
            null);
    VirtualHost vh =
        new VirtualHost(
            "v",
            List.of("*"),
            List.of(r),
            null,
            new HeaderMutations(
                List.of(
                    new HeaderValueOption("x-level", "vhost", false, false),
                    new HeaderValueOption("x-trace", "v", true, false)),
                List.of()),
            null);
    RouteConfiguration rc = new RouteConfiguration("rc", List.of(vh), add("x-level", "config"));
    MeshEngine engine = engineFor(rc);
    MeshCall call = engine.start(get("svc", 80, "svc", "/", headers("x-keep", "app")));
    RecordingSink sink = new RecordingSink();
    call.applyHeaders(sink);
    assertThat(sink.ops)
        .containsExactly(
            "remove x-drop",
            "set x-level=weighted",
            "set x-level=route",
            "append x-trace=r",
            "set x-level=vhost",
            "append x-trace=v",
            "set x-level=config");
    assertThat(sink.headers.get("x-level")).containsExactly("config");
    assertThat(sink.headers.get("x-trace")).containsExactly("r", "v");
    assertThat(call.hasHeaderMutations()).isTrue();
  }

  @Test
  void redirectBuildsLocationAndDirectResponseReplies() {
    Route https =
        route(
            "https",
            RouteMatch.prefix("/secure"),
            new RouteAction.Redirect("https", null, null, null, null, 0, false));
    Route moved =
        route(
            "moved",
            RouteMatch.prefix("/old/"),
            new RouteAction.Redirect(null, "new.example.com", 8443, null, "/new/", 308, true));
    Route path =
        route(
            "path",
            RouteMatch.prefix("/p"),
            new RouteAction.Redirect(null, null, null, "/landing?from=p", null, 302, false));
    Route direct =
        route("direct", RouteMatch.prefix("/health"), new RouteAction.DirectResponse(200, "ok"));
    MeshEngine engine =
        engineFor(routes("rc", vhost("v", List.of("*"), https, moved, path, direct)));

    LocalReply r1 =
        engine.start(get("svc", 80, "svc", "/secure/x?a=1", HeaderView.EMPTY)).localReply();
    assertThat(r1.status()).isEqualTo(301);
    assertThat(r1.location()).isEqualTo("https://svc/secure/x?a=1");
    LocalReply r2 =
        engine.start(get("svc", 80, "svc:80", "/old/page?q=1", HeaderView.EMPTY)).localReply();
    assertThat(r2.status()).isEqualTo(308);
    assertThat(r2.location()).isEqualTo("http://new.example.com:8443/new/page");
    LocalReply r3 = engine.start(get("svc", 80, "svc", "/p", HeaderView.EMPTY)).localReply();
    assertThat(r3.status()).isEqualTo(302);
    assertThat(r3.location()).isEqualTo("http://svc/landing?from=p");
    LocalReply d = engine.start(get("svc", 80, "svc", "/health", HeaderView.EMPTY)).localReply();
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.body()).isEqualTo("ok");
    assertThat(d.reason()).isEqualTo(LocalReply.Reason.DIRECT_RESPONSE);
  }

  @Test
  void clusterHeaderPicksTheNamedClusterAndUnknownOnesAre503() {
    RouteAction.Forward byHeader =
        new RouteAction.Forward(
            new RouteAction.ClusterTarget.FromHeader("X-Cluster"),
            null,
            null,
            null,
            false,
            null,
            null,
            null,
            null,
            null);
    MeshEngine engine =
        engineFor(
            routes("rc", vhost("v", List.of("*"), route("h", RouteMatch.prefix("/"), byHeader))));
    assertThat(clusterOf(engine, "svc", "/", headers("x-cluster", "c2"))).isEqualTo("c2");
    assertThat(clusterOf(engine, "svc", "/", headers("x-cluster", "nope"))).isEqualTo("reply:503");
    assertThat(clusterOf(engine, "svc", "/", HeaderView.EMPTY)).isEqualTo("reply:503");
  }

  @Test
  void mirrorsListShadowTargetsWithShadowAuthority() {
    RouteAction.Forward mirrored =
        new RouteAction.Forward(
            new RouteAction.ClusterTarget.Single("c1"),
            null,
            null,
            null,
            false,
            null,
            null,
            List.of(
                new RouteAction.RequestMirrorPolicy("c2", null),
                new RouteAction.RequestMirrorPolicy("c3", FractionalPercent.NEVER)),
            null,
            null);
    MeshEngine engine =
        engineFor(
            routes("rc", vhost("v", List.of("*"), route("m", RouteMatch.prefix("/"), mirrored))));
    MeshCall call = engine.start(get("svc", 80, "svc:80", "/", HeaderView.EMPTY));
    assertThat(call.mirrors())
        .containsExactly(
            new MirrorTarget(
                "c2", new io.inmesh.model.SocketAddress("10.0.0.1", 80), "svc-shadow:80"));
    assertThat(call.cluster()).isEqualTo("c1");
  }

  @Test
  void grpcLocalRepliesAreGrpcShaped() {
    MeshEngine engine =
        engineFor(routes("rc", vhost("v", List.of("*"), prefixRoute("/only", "c1"))));
    LocalReply r =
        engine
            .start(get("svc", 80, "svc", "/pkg.Svc/M", headers("content-type", "application/grpc")))
            .localReply();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.grpcStatus()).as("404 maps to UNIMPLEMENTED").isEqualTo(12);
  }
}
