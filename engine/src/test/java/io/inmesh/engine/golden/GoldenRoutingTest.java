package io.inmesh.engine.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inmesh.engine.AttemptFailure;
import io.inmesh.engine.HeaderView;
import io.inmesh.engine.MeshCall;
import io.inmesh.engine.SimpleRequest;
import io.inmesh.engine.golden.GoldenMesh.Golden;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Golden routing: real control-plane output from the shared xDS corpus (Envoy Gateway, Kuma, Istio,
 * Traffic Director, Envoy's docs), decoded by xds-client, and for chosen requests the answer Envoy
 * gives — worked out by reading each config as Envoy decides (virtual host by domain, first
 * matching route, filters, retry policy) and written down here as tables. A row is {@code
 * authority, path?query, request headers (name=value;...), expected decision}; comments explain the
 * rows that are not obvious. Skipped when the corpus folder is absent.
 */
class GoldenRoutingTest {
  private static final long SECOND = 1_000_000_000L;

  @BeforeEach
  void corpusPresent() {
    GoldenMesh.assumeCorpus();
  }

  // ---- Envoy Gateway ----

  @Test
  void envoyGatewayMultipleMatches() {
    // Sidecar-style gateway listener; ignorePortInHostMatching is set, so ports never matter.
    Golden g =
        GoldenMesh.of("envoy-gateway/http-route-multiple-matches.xds.yaml")
            .expose("first-listener", "gw:10080")
            .engine(1);
    String route2 = "cluster first-route-dest route envoy-gateway/httproute-2/rule/0/match/0/";
    String route3 = "cluster second-route-dest route envoy-gateway/httproute-3/rule/0/match/0/";
    assertTable(
        g,
        "gw",
        10080,
        new String[][] {
          {"example.com", "/v1/example?debug=yes", "", route2 + "example.com"},
          {"example.com:10080", "/v1/example/sub?debug=yes", "", route2 + "example.com"},
          {"example.com", "/v1/example?debug=no", "", route3 + "example.com"},
          {"example.com", "/v1/example", "", route3 + "example.com"},
          // Domains match case-insensitively.
          {"EXAMPLE.COM", "/v1/example", "", route3 + "example.com"},
          // pathSeparatedPrefix needs "/" (or the end) right after the prefix; the vhost has no
          // other route and Envoy never falls back to another vhost: 404.
          {"example.com", "/v1/examples", "", "local 404"},
          // The exact domain example.com wins over *.com, although only *.com has /foo.
          {"example.com", "/foo", "", "local 404"},
          {
            "example.net",
            "/v1/status",
            "version=one",
            "cluster third-route-dest route envoy-gateway/httproute-4/rule/0/match/0/example.net"
          },
          {
            "example.net",
            "/v1/status/x",
            "version=two",
            "cluster fourth-route-dest route envoy-gateway/httproute-5/rule/0/match/0/example.net"
          },
          {
            "shop.com",
            "/foo/bar",
            "",
            "cluster fifth-route-dest route envoy-gateway/httproute-1/rule/0/match/0/*.com"
          },
          {"shop.com", "/foobar", "", "local 404"},
          {
            "shop.net:10080",
            "/foo",
            "",
            "cluster sixth-route-dest route envoy-gateway/httproute-1/rule/0/match/0/*.net"
          },
          {
            "other.org",
            "/anything",
            "",
            "cluster seventh-route-dest route envoy-gateway/httproute-1/rule/0/match/0/*"
          },
        });
  }

  @Test
  void envoyGatewayRetry() {
    Golden g =
        GoldenMesh.of("envoy-gateway/retry.xds.yaml")
            .expose("first-listener", "gw:10080")
            .engine(2);
    assertTable(
        g,
        "gw",
        10080,
        new String[][] {
          {"anything", "/", "", "cluster first-route-dest route first-route"},
          // Two identical "/" routes in vhost foo: the first wins, third-route-only-triggers is
          // unreachable.
          {"foo", "/x", "", "cluster first-route-dest route second-route-defaults"},
        });

    // first-route: retriable-status-codes [500], 3 retries, back-off base 0.2 s (first retry
    // jittered in [0, 0.2 s), then [0, 0.6 s), [0, 1.4 s)).
    MeshCall call = start(g, "gw", 10080, "anything", "/", "");
    long[] bounds = {200_000_000L, 600_000_000L, 1_400_000_000L};
    for (long bound : bounds) {
      call.beginAttempt();
      assertThat(call.onResponse(500, -1, HeaderView.EMPTY)).isBetween(0L, bound - 1);
    }
    call.beginAttempt();
    assertThat(call.onResponse(500, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
    assertThat(call.attempts()).isEqualTo(4);

    // 503 is neither in retriable_status_codes nor covered by retry_on (no 5xx): delivered.
    call = start(g, "gw", 10080, "anything", "/", "");
    call.beginAttempt();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);

    // second-route-defaults: [503], 2 retries, Envoy's default 25 ms base; connect-failure too.
    call = start(g, "gw", 10080, "foo", "/x", "");
    call.beginAttempt();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isBetween(0L, 24_999_999L);
    call.beginAttempt();
    assertThat(call.onFailure(AttemptFailure.CONNECT_FAILURE)).isBetween(0L, 74_999_999L);
    call.beginAttempt();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
  }

  @Test
  void envoyGatewayTimeout() {
    Golden g =
        GoldenMesh.of("envoy-gateway/http-route-timeout.xds.yaml")
            .expose("first-listener", "gw:10080")
            .expose("second-listener", "gw:10081")
            .engine(3);
    assertTable(
        g,
        "gw",
        10080,
        new String[][] {
          {"gw", "/", "user=jason", "cluster first-route-dest route first-route"},
          // The other six routes all match "/": the first of them takes everything else.
          {"gw", "/", "user=bob", "cluster second-route-dest route second-route"},
        });
    assertTable(
        g,
        "gw",
        10081,
        new String[][] {
          {"gw", "/a", "user=jason", "cluster first-route-dest route first-route"},
          {"gw", "/a", "", "local 404"},
        });
    // first-route: timeout 5 s under a 30 s max_stream_duration.
    assertThat(start(g, "gw", 10080, "gw", "/", "user=jason").routeTimeoutNanos())
        .isEqualTo(5 * SECOND);
    // second-route: 4000 s; its max_stream_duration of 0 s means none.
    assertThat(start(g, "gw", 10080, "gw", "/", "").routeTimeoutNanos()).isEqualTo(4000 * SECOND);
  }

  @Test
  void envoyGatewayWeightedZones() {
    Golden g =
        GoldenMesh.of("envoy-gateway/http-route-weighted-zones.xds.yaml")
            .expose("first-listener", "gw:10080")
            .engine(4);
    String rr =
        "cluster route-with-weighted-zones-roundrobin-dest/backend/0"
            + " route route-with-weighted-zones-roundrobin";
    // All three routes match "/": the round-robin one shadows the maglev and utilization ones.
    assertTable(g, "gw", 10080, new String[][] {{"gw", "/", "", rr}, {"gw", "/api?x=1", "", rr}});
    // Locality-weighted round robin: zones 1a/1b/1c weigh 70/20/1, zone 1a holds two hosts of
    // equal weight, so hosts get 35/91, 35/91, 20/91 and 1/91 of the calls.
    Map<String, Integer> counts = new TreeMap<>();
    int n = 18_200;
    for (int i = 0; i < n; i++) {
      MeshCall call = start(g, "gw", 10080, "gw", "/", "");
      counts.merge(call.endpoint().host(), 1, Integer::sum);
      call.cancel();
    }
    assertShare(counts, "1.2.3.4", n, 35 / 91.0);
    assertShare(counts, "2.3.4.5", n, 35 / 91.0);
    assertShare(counts, "3.4.5.6", n, 20 / 91.0);
    assertShare(counts, "4.5.6.7", n, 1 / 91.0);
  }

  @Test
  void envoyGatewayFaultInjection() {
    Golden g =
        GoldenMesh.of("envoy-gateway/fault-injection.xds.yaml")
            .expose("first-listener", "gw:10080")
            .engine(5);
    // The routes' paths have no leading "/" ("foo/bar", "example", "test"): no request path
    // Envoy routes can equal them, so every real request gets 404 (no route).
    assertTable(
        g,
        "gw",
        10080,
        new String[][] {
          {"gw", "/foo/bar", "", "local 404"},
          {"gw", "/test", "", "local 404"},
          {"gw", "/example", "", "local 404"},
        });
    // Envoy's HCM would refuse such raw paths before routing; the route table itself, matched
    // as written, still shows the per-route fault overrides at work. third-route (the first of
    // three "test" routes): abort 500 always, after a 5.005 s delay always.
    MeshCall call = start(g, "gw", 10080, "gw", "test", "");
    assertThat(call.routeName()).isEqualTo("third-route");
    assertThat(call.localReply().status()).isEqualTo(500);
    assertThat(call.delayNanos()).isEqualTo(5_005_000_000L);
    // second-route: a 5.4 s delay for 80% of calls, no abort.
    int delayed = 0;
    int n = 4000;
    for (int i = 0; i < n; i++) {
      call = start(g, "gw", 10080, "gw", "example", "");
      assertThat(call.localReply()).isNull();
      assertThat(call.cluster()).isEqualTo("second-route-dest");
      if (call.delayNanos() == 5_400_000_000L) {
        delayed++;
      } else {
        assertThat(call.delayNanos()).isZero();
      }
      call.cancel();
    }
    assertThat((double) delayed / n).isCloseTo(0.8, within(5 * Math.sqrt(0.8 * 0.2 / n)));
  }

  // ---- Kuma ----

  @Test
  void kumaHeadersMatch() {
    // The listener's own address 10.0.0.1:80 reaches it (the connect/HTTP hooks' view); vhost "*".
    Golden g =
        GoldenMesh.of("kuma/unit-meshhttproute-headers-match.listeners.golden.yaml").engine(6);
    String rule0 =
        "cluster kri_msvc_default___backend_80 route kri_mhttpr_default___test-origin_rule_0";
    String fallback =
        "cluster kri_msvc_default___backend_80 route 9Zuf5Tg79OuZcQITwBbQykxAk2u4fRKrwYn3//AL4Yo=";
    String all = "foo-exact=bar;foo-present=;foo-regex=xaby;foo-prefix=xz";
    assertTable(
        g,
        "10.0.0.1",
        80,
        new String[][] {
          // present_match true is satisfied by an empty value.
          {"backend", "/", all, rule0},
          // present_match false means "must be absent".
          {"backend", "/", all + ";foo-absent=1", fallback},
          // safe_regex must match the whole value.
          {"backend", "/", all.replace("xaby", "axby"), fallback},
          {"backend", "/", all.replace("foo-present=;", ""), fallback},
          {"backend", "/", all.replace("xz", "zx"), fallback},
          {"backend", "/", all.replace("=bar", "=Bar"), fallback},
        });
  }

  @Test
  void kumaMeshRetry() {
    Golden g =
        GoldenMesh.of("kuma/unit-meshretry-http-real-meshhttproute.listeners.golden.yaml")
            .engine(7);
    String route1 = "cluster http-service route kri_mhttpr_mesh-1___test-route-1_";
    String fallback = "cluster http-service route 9Zuf5Tg79OuZcQITwBbQykxAk2u4fRKrwYn3//AL4Yo=";
    assertTable(
        g,
        "127.0.0.1",
        10001,
        new String[][] {
          {"http-service", "/another-backend", "", route1},
          // An exact path: a longer one falls through to the catch-all.
          {"http-service", "/another-backend/x", "", fallback},
        });
    // :method is matched like a header; a POST misses route 1.
    MeshCall post =
        g.engine()
            .start(request("127.0.0.1", 10001, "http-service", "POST", "/another-backend", ""));
    assertThat(post.routeName()).isEqualTo("9Zuf5Tg79OuZcQITwBbQykxAk2u4fRKrwYn3//AL4Yo=");
    post.cancel();

    // Route 1: one retry, per-try timeout 2 s. A 429 (retriable_status_codes) carrying the
    // retry-after-http reset header backs off 2 s jittered upwards to [2 s, 3 s).
    MeshCall call = start(g, "127.0.0.1", 10001, "http-service", "/another-backend", "");
    assertThat(call.perTryTimeoutNanos()).isEqualTo(2 * SECOND);
    call.beginAttempt();
    HeaderView retryAfter = name -> name.equals("retry-after-http") ? "2" : null;
    assertThat(call.onResponse(429, -1, retryAfter)).isBetween(2 * SECOND, 3 * SECOND - 1);
    call.beginAttempt();
    assertThat(call.onResponse(429, -1, retryAfter)).isEqualTo(MeshCall.DELIVER);

    // Without a reset header a 503 (5xx) uses the regular back-off: base 3 s, first in [0, 3 s).
    call = start(g, "127.0.0.1", 10001, "http-service", "/another-backend", "");
    call.beginAttempt();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isBetween(0L, 3 * SECOND - 1);

    // Catch-all: retriable_request_headers wants x-retry-prefix starting with "prefix-another";
    // without it a 502 (gateway-error) is not retried, with it the back-off base is 88 s.
    call = start(g, "127.0.0.1", 10001, "http-service", "/", "");
    call.beginAttempt();
    assertThat(call.onResponse(502, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
    call = start(g, "127.0.0.1", 10001, "http-service", "/", "x-retry-prefix=prefix-another-1");
    assertThat(call.perTryTimeoutNanos()).isEqualTo(77 * SECOND);
    call.beginAttempt();
    assertThat(call.onResponse(502, -1, HeaderView.EMPTY)).isBetween(0L, 88 * SECOND - 1);
    call.cancel();
    // 500 is not a gateway error and retry_on has no 5xx here.
    call = start(g, "127.0.0.1", 10001, "http-service", "/", "x-retry-prefix=prefix-another-1");
    call.beginAttempt();
    assertThat(call.onResponse(500, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
  }

  // ---- Istio ----

  @Test
  void istioSidecarBookinfo() {
    // The v3 sidecar listener 0.0.0.0_9080 (its HCM: grpc_stats, an empty fault filter, cors,
    // router; RDS "9080"), the "9080" route table of Istio 1.1's bookinfo productpage sidecar
    // (v2, renamed to v3), and the v3 EDS dump; the outbound|9080||... clusters are EDS stubs.
    GoldenMesh mesh =
        GoldenMesh.of(
                "istio/bookinfo-ambient-sidecar-v3.listeners-9080-virtualOutbound.configdump.json",
                "istio/eds-outbound-v3.configdump.json")
            .withV2RoutesAsV3("istio/bookinfo-productpage-sidecar.routes.configdump.json")
            .expose("0.0.0.0_9080", "bookinfo:9080");
    assertThat(mesh.listener("0.0.0.0_9080").http().routeConfigName()).isEqualTo("9080");
    Golden g = mesh.engine(8);
    String reviews = "cluster outbound|9080||reviews.default.svc.cluster.local route ";
    assertTable(
        g,
        "bookinfo",
        9080,
        new String[][] {
          // Istio lists each service's FQDN and short aliases, with and without the port.
          {"reviews:9080", "/reviews/0", "", reviews},
          {"reviews", "/", "", reviews},
          {"reviews.default.svc.cluster.local:9080", "/", "", reviews},
          {
            "ratings.default:9080",
            "/ratings/0",
            "",
            "cluster outbound|9080||ratings.default.svc.cluster.local route "
          },
          // details' ClusterIP is one of its domains.
          {
            "10.0.9.156:9080",
            "/details/0",
            "",
            "cluster outbound|9080||details.default.svc.cluster.local route "
          },
        });
    // Round robin over the three reviews endpoints of the EDS dump.
    Map<String, Integer> hosts = new TreeMap<>();
    for (int i = 0; i < 3; i++) {
      MeshCall call = start(g, "bookinfo", 9080, "reviews:9080", "/", "");
      hosts.merge(call.endpoint().host() + ":" + call.endpoint().port(), 1, Integer::sum);
      call.cancel();
    }
    assertThat(hosts)
        .containsExactly(
            Map.entry("10.244.0.192:9080", 1),
            Map.entry("10.244.0.193:9080", 1),
            Map.entry("10.244.0.195:9080", 1));
    // Istio's default retry: 503 (retriable_status_codes) twice, each retry on a host not tried
    // (previous_hosts); the third 503 goes back to the app.
    MeshCall call = start(g, "bookinfo", 9080, "reviews:9080", "/", "");
    java.util.Set<String> tried = new java.util.HashSet<>();
    for (int attempt = 0; attempt < 2; attempt++) {
      call.beginAttempt();
      assertThat(tried.add(call.endpoint().host())).isTrue();
      assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isNotNegative();
    }
    call.beginAttempt();
    assertThat(tried.add(call.endpoint().host())).isTrue();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
  }

  @Test
  void istioWaypoint() {
    // The waypoint's main_internal listener: its first filter chain serves port 8000 with an
    // inline route table sending everything to the inbound-vip cluster. That EDS cluster has no
    // ClusterLoadAssignment in the dump (only 8100's, on an internal address): zero hosts, so
    // Envoy answers 503 "no healthy upstream" after routing.
    GoldenMesh mesh =
        GoldenMesh.of("istio/waypoint-full-v3.configdump.json")
            .expose("main_internal", "httpbin:8000");
    String vip = "cluster inbound-vip|8000|http|httpbin.default.svc.cluster.local route default";
    assertTable(
        mesh.engine(9),
        "httpbin",
        8000,
        new String[][] {
          {"httpbin:8000", "/status/418", "", "local 503 " + vip},
          {"anything", "/", "", "local 503 " + vip},
        });
    // With endpoints, the route's timeouts: timeout 0s is none, and grpc_timeout_header_max 0s
    // makes a gRPC call's grpc-timeout header the timeout, uncapped.
    Golden g =
        mesh.stubEndpoints("inbound-vip|8000|http|httpbin.default.svc.cluster.local").engine(9);
    assertTable(g, "httpbin", 8000, new String[][] {{"httpbin:8000", "/status/418", "", vip}});
    assertThat(start(g, "httpbin", 8000, "httpbin:8000", "/", "").routeTimeoutNanos()).isZero();
    MeshCall grpc =
        start(
            g,
            "httpbin",
            8000,
            "httpbin:8000",
            "/pkg.Svc/Method",
            "content-type=application/grpc;grpc-timeout=2S");
    assertThat(grpc.routeTimeoutNanos()).isEqualTo(2 * SECOND);
  }

  // ---- Traffic Director (proxyless gRPC, CSDS dump) ----

  @Test
  void trafficDirectorEmptyPrefix() {
    // A real proxyless listener named host:port; no stubs or exposure needed.
    Golden g = GoldenMesh.of("grpcdebug-trafficdirector/csds_config_dump.json").engine(10);
    String cluster =
        "cluster cloud-internal-istio:cloud_mp_1040920224690_6530603179561593229 route ";
    String grpc = "content-type=application/grpc";
    assertTable(
        g,
        "xds-test-server",
        1337,
        new String[][] {
          // prefix "" matches every path.
          {"xds-test-server:1337", "/grpc.testing.TestService/UnaryCall", grpc, cluster},
          {"xds-test-server:1337", "/", "", cluster},
          // The only domain is "xds-test-server:1337" and Envoy matches the authority as sent:
          // without the port no virtual host matches (a gRPC client always sends the port here).
          {"xds-test-server", "/", "", "local 404"},
        });
    MeshCall call =
        start(
            g,
            "xds-test-server",
            1337,
            "xds-test-server:1337",
            "/grpc.testing.TestService/UnaryCall",
            grpc);
    assertThat(call.endpoint().host() + ":" + call.endpoint().port())
        .isEqualTo("192.168.120.26:8080");
    assertThat(call.routeTimeoutNanos()).isEqualTo(30 * SECOND);
    // gateway-error, one retry.
    call.beginAttempt();
    assertThat(call.onResponse(502, -1, HeaderView.EMPTY)).isNotNegative();
    call.beginAttempt();
    assertThat(call.onResponse(502, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
  }

  // ---- Envoy docs ----

  @Test
  void envoyDocsRetryPreviousPriorities() {
    Golden g =
        GoldenMesh.of("envoy-docs/retry-previous-priorities.yaml")
            .expose("listener_0", "service:10000")
            .engine(11);
    assertTable(
        g, "service", 10000, new String[][] {{"service", "/", "", "cluster cluster_0 route "}});
    // The retry policy sets only retry_priority: with no retry_on, nothing is retriable.
    MeshCall call = start(g, "service", 10000, "service", "/", "");
    call.beginAttempt();
    assertThat(call.onResponse(503, -1, HeaderView.EMPTY)).isEqualTo(MeshCall.DELIVER);
    call = start(g, "service", 10000, "service", "/", "");
    call.beginAttempt();
    assertThat(call.onFailure(AttemptFailure.CONNECT_FAILURE)).isEqualTo(MeshCall.LOCAL_REPLY);
    assertThat(call.localReply().status()).isEqualTo(503);
  }

  // ---- helpers ----

  private static void assertTable(Golden g, String host, int port, String[][] rows) {
    for (String[] row : rows) {
      SimpleRequest request = request(host, port, row[0], "GET", row[1], row[2]);
      assertThat(g.decide(request))
          .as("%s %s [%s] via %s:%d", row[0], row[1], row[2], host, port)
          .isEqualTo(row[3]);
    }
  }

  private static MeshCall start(
      Golden g, String host, int port, String authority, String pathAndQuery, String headers) {
    MeshCall call = g.engine().start(request(host, port, authority, "GET", pathAndQuery, headers));
    assertThat(call).as("a mesh call for %s:%d", host, port).isNotNull();
    return call;
  }

  private static SimpleRequest request(
      String host, int port, String authority, String method, String pathAndQuery, String headers) {
    Map<String, String> map = new HashMap<>();
    for (String kv : headers.split(";")) {
      if (!kv.isEmpty()) {
        int eq = kv.indexOf('=');
        map.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    int q = pathAndQuery.indexOf('?');
    return new SimpleRequest(
        "http",
        host,
        port,
        authority,
        method,
        q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
        q < 0 ? null : pathAndQuery.substring(q + 1),
        map::get,
        true);
  }

  private static void assertShare(Map<String, Integer> counts, String key, int n, double p) {
    double share = counts.getOrDefault(key, 0) / (double) n;
    assertThat(share)
        .as("share of %s in %s", key, counts)
        .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / n) + 1e-9));
  }
}
