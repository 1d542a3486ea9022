package io.inmesh.xds.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.model.FaultConfig;
import io.inmesh.model.FilterConfig;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HashPolicy;
import io.inmesh.model.HeaderMatcher;
import io.inmesh.model.HeaderValueOption;
import io.inmesh.model.LocalRateLimitConfig;
import io.inmesh.model.PathMatch;
import io.inmesh.model.RetryPolicy;
import io.inmesh.model.Route;
import io.inmesh.model.RouteAction;
import io.inmesh.model.RouteConfiguration;
import io.inmesh.model.StringMatcher;
import io.inmesh.model.VirtualHost;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteConfigDecoderTest {
  private static final String HEAD =
      """
      '@type': type.googleapis.com/envoy.config.route.v3.RouteConfiguration
      name: rc
      """;

  private static RouteConfiguration rc(String body) throws InvalidResourceException {
    return Yaml.model(HEAD + body, RouteConfiguration.class);
  }

  private static Route onlyRoute(String routeYaml) throws InvalidResourceException {
    String body =
        "virtual_hosts:\n- name: vh\n  domains: ['*']\n  routes:\n"
            + routeYaml.stripIndent().indent(4).replaceFirst("^    ", "  - ");
    return rc(body).virtualHosts().get(0).routes().get(0);
  }

  @Test
  void matchFieldsAndDefaults() throws Exception {
    Route r =
        onlyRoute(
            """
            match:
              prefix: /api
              case_sensitive: false
              headers:
              - {name: X-Exact, exact_match: a}
              - {name: x-prefix, prefix_match: p}
              - {name: x-suffix, suffix_match: s}
              - {name: x-contains, contains_match: c}
              - {name: x-re, safe_regex_match: {regex: 'v[0-9]+'}}
              - {name: x-present, present_match: true}
              - {name: x-absent, present_match: false}
              - {name: x-range, range_match: {start: 1, end: 10}}
              - {name: x-sm, string_match: {prefix: Ab, ignore_case: true}, invert_match: true, treat_missing_header_as_empty: true}
              - {name: x-bare}
              query_parameters:
              - {name: q, string_match: {exact: v}}
              - {name: flag, present_match: true}
              runtime_fraction: {default_value: {numerator: 25, denominator: TEN_THOUSAND}, runtime_key: k}
              grpc: {}
            route: {cluster: c1}
            """);
    assertThat(r.match().path()).isEqualTo(new PathMatch.Prefix("/api"));
    assertThat(r.match().caseSensitive()).isFalse();
    List<HeaderMatcher> h = r.match().headers();
    assertThat(h.get(0))
        .isEqualTo(
            new HeaderMatcher(
                "x-exact", new HeaderMatcher.Text(StringMatcher.exact("a")), false, false));
    assertThat(h.get(1).match())
        .isEqualTo(
            new HeaderMatcher.Text(new StringMatcher(StringMatcher.Kind.PREFIX, "p", false)));
    assertThat(h.get(2).match())
        .isEqualTo(
            new HeaderMatcher.Text(new StringMatcher(StringMatcher.Kind.SUFFIX, "s", false)));
    assertThat(h.get(3).match())
        .isEqualTo(
            new HeaderMatcher.Text(new StringMatcher(StringMatcher.Kind.CONTAINS, "c", false)));
    assertThat(h.get(4).match())
        .isEqualTo(
            new HeaderMatcher.Text(
                new StringMatcher(StringMatcher.Kind.SAFE_REGEX, "v[0-9]+", false)));
    assertThat(h.get(5).match()).isEqualTo(new HeaderMatcher.Present(true));
    assertThat(h.get(6).match()).isEqualTo(new HeaderMatcher.Present(false));
    assertThat(h.get(7).match()).isEqualTo(new HeaderMatcher.Range(1, 10));
    assertThat(h.get(8))
        .isEqualTo(
            new HeaderMatcher(
                "x-sm",
                new HeaderMatcher.Text(new StringMatcher(StringMatcher.Kind.PREFIX, "Ab", true)),
                true,
                true));
    assertThat(h.get(9).match())
        .as("no specifier: presence")
        .isEqualTo(new HeaderMatcher.Present(true));
    assertThat(r.match().queryParameters().get(0).matcher()).isEqualTo(StringMatcher.exact("v"));
    assertThat(r.match().queryParameters().get(1).matcher()).isNull();
    assertThat(r.match().runtimeFraction()).isEqualTo(new FractionalPercent(25, 10_000));
    assertThat(r.match().grpcOnly()).isTrue();
  }

  @Test
  void pathKindsAndCaseSensitiveDefault() throws Exception {
    assertThat(onlyRoute("match: {path: /x}\nroute: {cluster: c}").match())
        .satisfies(
            m -> {
              assertThat(m.path()).isEqualTo(new PathMatch.Exact("/x"));
              assertThat(m.caseSensitive()).isTrue();
              assertThat(m.runtimeFraction()).isNull();
              assertThat(m.grpcOnly()).isFalse();
            });
    assertThat(
            onlyRoute("match: {safe_regex: {regex: '/v[12]/.*'}}\nroute: {cluster: c}")
                .match()
                .path())
        .isEqualTo(new PathMatch.Regex("/v[12]/.*"));
    assertThat(
            onlyRoute("match: {path_separated_prefix: /api}\nroute: {cluster: c}").match().path())
        .isEqualTo(new PathMatch.SeparatedPrefix("/api"));
    assertThat(onlyRoute("match: {prefix: ''}\nroute: {cluster: c}").match().path())
        .isEqualTo(new PathMatch.Prefix(""));
  }

  @Test
  void forwardActionFields() throws Exception {
    Route r =
        onlyRoute(
            """
            match: {prefix: /}
            route:
              weighted_clusters:
                clusters:
                - name: a
                  weight: 90
                  request_headers_to_add: [{header: {key: X-W, value: a}, append_action: OVERWRITE_IF_EXISTS_OR_ADD}]
                  typed_per_filter_config:
                    envoy.filters.http.fault:
                      '@type': type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault
                      abort: {http_status: 503, percentage: {numerator: 100}}
                - {name: b, weight: 10}
                total_weight: 100
              regex_rewrite: {pattern: {regex: '^/old/(.*)'}, substitution: '/new/\\1'}
              host_rewrite_literal: backend.internal
              timeout: 2.5s
              request_mirror_policies:
              - {cluster: shadow, runtime_fraction: {default_value: {numerator: 5}}}
              hash_policy:
              - {header: {header_name: X-User}, terminal: true}
              - {cookie: {name: session, ttl: 60s, path: /}}
              - {connection_properties: {source_ip: true}}
              - {query_parameter: {name: uid}}
              - {filter_state: {key: k}}
              max_stream_duration: {max_stream_duration: 30s, grpc_timeout_header_max: 10s, grpc_timeout_header_offset: 0.1s}
            """);
    RouteAction.Forward f = (RouteAction.Forward) r.action();
    RouteAction.ClusterTarget.Weighted w = (RouteAction.ClusterTarget.Weighted) f.target();
    assertThat(w.totalWeight()).isEqualTo(100);
    assertThat(w.clusters())
        .extracting(RouteAction.WeightedCluster::name)
        .containsExactly("a", "b");
    assertThat(w.clusters().get(0).weight()).isEqualTo(90);
    assertThat(w.clusters().get(0).headers().add())
        .containsExactly(new HeaderValueOption("x-w", "a", false, false));
    FaultConfig fault =
        (FaultConfig) w.clusters().get(0).perFilterConfig().get("envoy.filters.http.fault");
    assertThat(fault.abort().httpStatus()).isEqualTo(503);
    assertThat(fault.abort().percentage()).isEqualTo(new FractionalPercent(100, 100));
    assertThat(f.regexRewrite()).isEqualTo(new RouteAction.RegexRewrite("^/old/(.*)", "/new/\\1"));
    assertThat(f.prefixRewrite()).isNull();
    assertThat(f.hostRewriteLiteral()).isEqualTo("backend.internal");
    assertThat(f.autoHostRewrite()).isFalse();
    assertThat(f.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(f.retryPolicy()).isNull();
    assertThat(f.mirrors())
        .containsExactly(
            new RouteAction.RequestMirrorPolicy("shadow", new FractionalPercent(5, 100)));
    assertThat(f.hashPolicies())
        .containsExactly(
            new HashPolicy.Header("x-user", true),
            new HashPolicy.Cookie("session", Duration.ofSeconds(60), "/", false),
            new HashPolicy.SourceIp(false),
            new HashPolicy.QueryParameter("uid", false),
            new HashPolicy.FilterState("k", false));
    assertThat(f.maxStreamDuration())
        .isEqualTo(
            new RouteAction.MaxStreamDuration(
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(100)));
  }

  @Test
  void clusterHeaderAutoHostAndDefaultTimeout() throws Exception {
    RouteAction.Forward f =
        (RouteAction.Forward)
            onlyRoute(
                    "match: {prefix: /}\nroute: {cluster_header: X-Cluster, auto_host_rewrite: true, prefix_rewrite: /v2}")
                .action();
    assertThat(f.target()).isEqualTo(new RouteAction.ClusterTarget.FromHeader("x-cluster"));
    assertThat(f.autoHostRewrite()).isTrue();
    assertThat(f.prefixRewrite()).isEqualTo("/v2");
    assertThat(f.timeout()).as("unset: Envoy's 15 s applies downstream").isNull();
  }

  @Test
  void redirectAndDirectResponse() throws Exception {
    assertThat(
            onlyRoute(
                    "match: {prefix: /}\nredirect: {https_redirect: true, host_redirect: h, port_redirect: 8443, prefix_rewrite: /n, response_code: TEMPORARY_REDIRECT, strip_query: true}")
                .action())
        .isEqualTo(new RouteAction.Redirect("https", "h", 8443, null, "/n", 307, true));
    assertThat(onlyRoute("match: {prefix: /}\nredirect: {path_redirect: /p}").action())
        .isEqualTo(new RouteAction.Redirect(null, null, null, "/p", null, 301, false));
    assertThat(
            onlyRoute(
                    "match: {prefix: /}\ndirect_response: {status: 418, body: {inline_string: teapot}}")
                .action())
        .isEqualTo(new RouteAction.DirectResponse(418, "teapot"));
    assertThat(
            onlyRoute(
                    "match: {prefix: /}\ndirect_response: {status: 200, body: {inline_bytes: aGk=}}")
                .action())
        .isEqualTo(new RouteAction.DirectResponse(200, "hi"));
  }

  @Test
  void retryPolicyFieldsAndDefaults() throws Exception {
    RouteConfiguration config =
        rc(
            """
            request_headers_to_add: [{header: {key: x-rc, value: '1'}}]
            request_headers_to_remove: [X-Drop]
            virtual_hosts:
            - name: vh
              domains: [a.example, '*.b.example']
              retry_policy: {retry_on: 5xx}
              request_headers_to_add: [{header: {key: x-vh, value: v}, append_action: ADD_IF_ABSENT}]
              routes:
              - match: {prefix: /}
                request_headers_to_add: [{header: {key: x-route, value: r}, append: false}]
                route:
                  cluster: c
                  retry_policy:
                    retry_on: ' 5xx, connect-failure ,RESOURCE_EXHAUSTED,,retriable-status-codes'
                    num_retries: 4
                    per_try_timeout: 1s
                    per_try_idle_timeout: 0.5s
                    retriable_status_codes: [503, 409]
                    retriable_headers: [{name: x-retry, exact_match: 'yes'}]
                    retriable_request_headers: [{name: ':method', exact_match: GET}]
                    retry_back_off: {base_interval: 0.1s, max_interval: 2s}
                    rate_limited_retry_back_off:
                      reset_headers: [{name: Retry-After}, {name: X-Reset, format: UNIX_TIMESTAMP}]
                    retry_host_predicate: [{name: envoy.retry_host_predicates.previous_hosts, typed_config: {'@type': type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate}}]
                    host_selection_retry_max_attempts: 5
                    retry_priority: {name: envoy.retry_priorities.previous_priorities, typed_config: {'@type': type.googleapis.com/envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig, update_frequency: 2}}
            """);
    assertThat(config.requestHeaders().add())
        .containsExactly(new HeaderValueOption("x-rc", "1", true, false));
    assertThat(config.requestHeaders().remove()).containsExactly("x-drop");
    VirtualHost vh = config.virtualHosts().get(0);
    assertThat(vh.domains()).containsExactly("a.example", "*.b.example");
    assertThat(vh.requestHeaders().add())
        .containsExactly(new HeaderValueOption("x-vh", "v", false, true));
    RetryPolicy vhRetry = vh.retryPolicy();
    assertThat(vhRetry.retryOn()).containsExactly("5xx");
    assertThat(vhRetry.numRetries()).as("Envoy default").isEqualTo(1);
    assertThat(vhRetry.baseInterval()).isNull();
    Route route = vh.routes().get(0);
    assertThat(route.requestHeaders().add())
        .containsExactly(new HeaderValueOption("x-route", "r", false, false));
    RetryPolicy p = ((RouteAction.Forward) route.action()).retryPolicy();
    assertThat(p.retryOn())
        .containsExactlyInAnyOrder(
            "5xx", "connect-failure", "resource-exhausted", "retriable-status-codes");
    assertThat(p.numRetries()).isEqualTo(4);
    assertThat(p.perTryTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.perTryIdleTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(p.retriableStatusCodes()).isEqualTo(Set.of(503, 409));
    assertThat(p.retriableHeaders().get(0).name()).isEqualTo("x-retry");
    assertThat(p.retriableRequestHeaders().get(0).name()).isEqualTo(":method");
    assertThat(p.baseInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(p.maxInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.rateLimitedBackOff().resetHeaders())
        .containsExactly(
            new RetryPolicy.ResetHeader("retry-after", RetryPolicy.ResetHeader.Format.SECONDS),
            new RetryPolicy.ResetHeader("x-reset", RetryPolicy.ResetHeader.Format.UNIX_TIMESTAMP));
    assertThat(p.rateLimitedBackOff().maxInterval())
        .as("Envoy default")
        .isEqualTo(Duration.ofSeconds(300));
    assertThat(p.retryHostPredicates())
        .containsExactly("envoy.retry_host_predicates.previous_hosts");
    assertThat(p.hostSelectionRetryMaxAttempts()).isEqualTo(5);
    assertThat(p.retryPriority()).isEqualTo("envoy.retry_priorities.previous_priorities");
  }

  @Test
  void perFilterConfigForms() throws Exception {
    VirtualHost vh =
        rc("""
                virtual_hosts:
                - name: vh
                  domains: ['*']
                  typed_per_filter_config:
                    envoy.filters.http.fault:
                      '@type': type.googleapis.com/envoy.config.route.v3.FilterConfig
                      disabled: true
                    envoy.filters.http.local_ratelimit:
                      '@type': type.googleapis.com/envoy.config.route.v3.FilterConfig
                      is_optional: true
                      config:
                        '@type': type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
                        stat_prefix: rl
                        token_bucket: {max_tokens: 10, fill_interval: 1s}
                        filter_enabled: {default_value: {numerator: 100}, runtime_key: e}
                    envoy.filters.http.rbac:
                      '@type': type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBACPerRoute
                    custom.filter:
                      '@type': type.googleapis.com/envoy.config.route.v3.FilterConfig
                      is_optional: true
                      config: {'@type': type.googleapis.com/example.Unknown, anything: 1}
                  routes: [{match: {prefix: /}, route: {cluster: c}}]
                """)
            .virtualHosts()
            .get(0);
    assertThat(vh.perFilterConfig().get("envoy.filters.http.fault"))
        .isEqualTo(new FilterConfig.Disabled());
    LocalRateLimitConfig rl =
        (LocalRateLimitConfig) vh.perFilterConfig().get("envoy.filters.http.local_ratelimit");
    assertThat(rl.tokenBucket())
        .isEqualTo(new LocalRateLimitConfig.TokenBucket(10, 1, Duration.ofSeconds(1)));
    assertThat(rl.filterEnabled()).isEqualTo(FractionalPercent.ALWAYS);
    assertThat(rl.filterEnforced()).as("Envoy default 0 %").isEqualTo(FractionalPercent.NEVER);
    assertThat(rl.status()).isEqualTo(429);
    assertThat(vh.perFilterConfig().get("envoy.filters.http.rbac"))
        .isEqualTo(
            new FilterConfig.Other(
                "type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBACPerRoute", false));
    assertThat(vh.perFilterConfig().get("custom.filter"))
        .isEqualTo(new FilterConfig.Other("type.googleapis.com/example.Unknown", true));
  }

  @Test
  void referencesAreTheForwardedAndMirroredClusters() throws Exception {
    DecodedResource d =
        Yaml.decode(
            HEAD
                + """
                virtual_hosts:
                - name: vh
                  domains: ['*']
                  routes:
                  - match: {prefix: /a}
                    route: {cluster: one, request_mirror_policies: [{cluster: shadow}]}
                  - match: {prefix: /b}
                    route: {weighted_clusters: {clusters: [{name: two, weight: 1}, {name: three, weight: 1}]}}
                  - match: {prefix: /c}
                    direct_response: {status: 404}
                """);
    assertThat(d.references(ResourceType.CLUSTER))
        .containsExactlyInAnyOrder("one", "shadow", "two", "three");
    assertThat(d.references(ResourceType.CLUSTER_LOAD_ASSIGNMENT)).isEmpty();
  }
}
