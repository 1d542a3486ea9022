package io.inmesh.xds.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Invalid resources are NACKed with resource name, field path and reason. */
class RejectionTest {
  private static final String RC =
      "'@type': type.googleapis.com/envoy.config.route.v3.RouteConfiguration\nname: rc\n";
  private static final String CLUSTER =
      "'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster\nname: c\ntype: EDS\n";

  private static String route(String routeYaml) {
    return RC
        + "virtual_hosts:\n- name: vh\n  domains: ['*']\n  routes:\n"
        + routeYaml.stripIndent().indent(4).replaceFirst("^    ", "  - ");
  }

  @Test
  void invalidRegexes() {
    assertThat(Yaml.reject(route("match: {safe_regex: {regex: '/a(b'}}\nroute: {cluster: c}")))
        .startsWith(
            "resource rc: virtual_hosts[0].routes[0].match.safe_regex.regex: invalid RE2 regex \"/a(b\"");
    assertThat(
            Yaml.reject(
                route(
                    "match: {prefix: /, headers: [{name: x, string_match: {safe_regex: {regex: '[z-a]'}}}]}\nroute: {cluster: c}")))
        .startsWith(
            "resource rc: virtual_hosts[0].routes[0].match.headers[0].string_match.safe_regex.regex: invalid RE2 regex");
    assertThat(
            Yaml.reject(
                route(
                    "match: {prefix: /}\nroute: {cluster: c, regex_rewrite: {pattern: {regex: '(?<'}, substitution: x}}")))
        .startsWith(
            "resource rc: virtual_hosts[0].routes[0].route.regex_rewrite.pattern.regex: invalid RE2 regex");
    // RE2 has no backreferences: a PCRE-only pattern is refused rather than misread.
    assertThat(Yaml.reject(route("match: {safe_regex: {regex: '(a)\\1'}}\nroute: {cluster: c}")))
        .contains("invalid RE2 regex");
  }

  @Test
  void routeStructure() {
    assertThat(Yaml.reject(route("match: {}\nroute: {cluster: c}")))
        .isEqualTo(
            "resource rc: virtual_hosts[0].routes[0].match: one of prefix, path, safe_regex, path_separated_prefix is required");
    assertThat(Yaml.reject(route("match: {prefix: /}")))
        .isEqualTo(
            "resource rc: virtual_hosts[0].routes[0]: one of route, redirect, direct_response is required");
    assertThat(Yaml.reject(route("match: {path_separated_prefix: /api/}\nroute: {cluster: c}")))
        .startsWith(
            "resource rc: virtual_hosts[0].routes[0].match.path_separated_prefix: must start with '/'");
    assertThat(
            Yaml.reject(
                route(
                    "match: {prefix: /}\nroute: {weighted_clusters: {clusters: [{name: a, weight: 1}, {name: b, weight: 2}], total_weight: 100}}")))
        .isEqualTo(
            "resource rc: virtual_hosts[0].routes[0].route.weighted_clusters.total_weight: is 100 but the cluster weights sum to 3");
    assertThat(
            Yaml.reject(
                route(
                    "match: {prefix: /}\nroute: {weighted_clusters: {clusters: [{name: a, weight: 0}]}}")))
        .isEqualTo(
            "resource rc: virtual_hosts[0].routes[0].route.weighted_clusters: the sum of the cluster weights must be greater than 0");
    assertThat(Yaml.reject(route("match: {prefix: /}\ndirect_response: {status: 99}")))
        .isEqualTo(
            "resource rc: virtual_hosts[0].routes[0].direct_response.status: must be in [200, 600), got 99");
    assertThat(Yaml.reject(route("match: {prefix: /}\nroute: {cluster: c, timeout: -1s}")))
        .startsWith(
            "resource rc: virtual_hosts[0].routes[0].route.timeout: must be a non-negative duration");
    assertThat(
            Yaml.reject(
                route(
                    "match: {prefix: /}\nroute: {cluster: c, retry_policy: {retry_back_off: {base_interval: 2s, max_interval: 1s}}}")))
        .isEqualTo(
            "resource rc: virtual_hosts[0].routes[0].route.retry_policy.retry_back_off.max_interval: must not be less than base_interval");
  }

  @Test
  void virtualHosts() {
    assertThat(
            Yaml.reject(
                RC
                    + "virtual_hosts:\n- {name: a, domains: [x.example]}\n- {name: b, domains: [X.example]}\n"))
        .isEqualTo(
            "resource rc: virtual_hosts[1].domains: duplicate domain \"X.example\" (also in virtual host a)");
    assertThat(Yaml.reject(RC + "virtual_hosts:\n- {name: a}\n"))
        .isEqualTo("resource rc: virtual_hosts[0].domains: at least one domain is required");
    assertThat(Yaml.reject(RC + "virtual_hosts:\n- {name: a, domains: ['*'], matcher: {}}\n"))
        .isEqualTo(
            "resource rc: virtual_hosts[0].matcher: matcher trees are not supported, use routes (virtual host a)");
  }

  @Test
  void filters() {
    String hcm =
        """
        '@type': type.googleapis.com/envoy.config.listener.v3.Listener
        name: l:1
        api_listener:
          api_listener:
            '@type': type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
            rds: {route_config_name: r}
            http_filters:
        """;
    String router =
        "    - {name: envoy.filters.http.router, typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}}\n";
    assertThat(
            Yaml.reject(
                hcm
                    + "    - {name: f, typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault, abort: {http_status: 700}}}\n"
                    + router))
        .isEqualTo(
            "resource l:1: api_listener.api_listener.http_filters[0].typed_config.abort.http_status: must be in [200, 600), got 700");
    assertThat(
            Yaml.reject(
                hcm
                    + router
                    + "    - {name: f, typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault}}\n"))
        .isEqualTo(
            "resource l:1: api_listener.api_listener.http_filters[0]: the router filter envoy.filters.http.router must be the last filter");
    assertThat(
            Yaml.reject(
                hcm
                    + "    - {name: rl, typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit, stat_prefix: s, token_bucket: {max_tokens: 0, fill_interval: 1s}}}\n"
                    + router))
        .isEqualTo(
            "resource l:1: api_listener.api_listener.http_filters[0].typed_config.token_bucket.max_tokens: must be greater than 0");
    assertThat(Yaml.reject(hcm + "    - {name: nothing}\n" + router))
        .isEqualTo(
            "resource l:1: api_listener.api_listener.http_filters[0]: filter nothing has no typed_config");
  }

  @Test
  void listeners() {
    assertThat(
            Yaml.reject(
                "'@type': type.googleapis.com/envoy.config.listener.v3.Listener\nname: l\nfilter_chains: [{filters: [{name: x, typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.network.echo.v3.Echo}}]}]\n"))
        .isEqualTo(
            "resource l: filter_chains: no HttpConnectionManager (api_listener or filter chain) and no tcp_proxy filter: nothing the mesh can apply");
    assertThat(
            Yaml.reject(
                "'@type': type.googleapis.com/envoy.config.listener.v3.Listener\nname: l\naddress: {socket_address: {address: 1.2.3.4, port_value: 70000}}\napi_listener: {api_listener: {'@type': type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager, rds: {route_config_name: r}}}\n"))
        .isEqualTo(
            "resource l: address.socket_address.port_value: must be at most 65535, got 70000");
    assertThat(
            Yaml.reject(
                "'@type': type.googleapis.com/envoy.config.listener.v3.Listener\nname: ''\n"))
        .isEqualTo("name: must not be empty");
  }

  @Test
  void clusters() {
    assertThat(Yaml.reject(CLUSTER + "connect_timeout: 0s\n"))
        .isEqualTo("resource c: connect_timeout: must be greater than 0");
    assertThat(Yaml.reject(CLUSTER + "outlier_detection: {max_ejection_percent: 101}\n"))
        .isEqualTo(
            "resource c: outlier_detection.max_ejection_percent: must be at most 100, got 101");
    assertThat(
            Yaml.reject(
                CLUSTER
                    + "lb_policy: RING_HASH\nring_hash_lb_config: {minimum_ring_size: 10, maximum_ring_size: 5}\n"))
        .isEqualTo(
            "resource c: ring_hash_lb_config: minimum_ring_size 10 exceeds maximum_ring_size 5");
    assertThat(Yaml.reject(CLUSTER + "lb_policy: MAGLEV\nmaglev_lb_config: {table_size: 100}\n"))
        .isEqualTo(
            "resource c: maglev_lb_config.table_size: must be a prime below 5000011, got 100");
    assertThat(
            Yaml.reject(
                CLUSTER
                    + "load_balancing_policy: {policies: [{typed_extension_config: {name: x, typed_config: {'@type': type.googleapis.com/example.Lb}}}]}\n"))
        .isEqualTo(
            "resource c: load_balancing_policy.policies: none of the policies is supported: [type.googleapis.com/example.Lb]");
    assertThat(
            Yaml.reject(
                "'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster\nname: d\ntype: STRICT_DNS\n"))
        .isEqualTo("resource d: load_assignment: a STRICT_DNS cluster needs endpoints to resolve");
    assertThat(
            Yaml.reject(
                "'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster\nname: c\n"
                    + "cluster_type: {name: envoy.clusters.aggregate, typed_config: {'@type': type.googleapis.com/example.Agg}}\n"))
        .isEqualTo(
            "resource c: cluster_type: custom cluster types are not supported: envoy.clusters.aggregate");
  }

  @Test
  void endpoints() {
    String cla =
        "'@type': type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment\ncluster_name: e\n";
    assertThat(
            Yaml.reject(
                cla
                    + "endpoints: [{lb_endpoints: [{endpoint: {address: {socket_address: {address: '', port_value: 1}}}}]}]\n"))
        .isEqualTo(
            "resource e: endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address: must not be empty");
    assertThat(
            Yaml.reject(
                cla
                    + "endpoints: [{lb_endpoints: [{endpoint: {address: {socket_address: {address: a, port_value: 1}}}, load_balancing_weight: 0}]}]\n"))
        .isEqualTo(
            "resource e: endpoints[0].lb_endpoints[0].load_balancing_weight: must be at least 1");
    assertThat(Yaml.reject(cla + "endpoints: [{priority: 129}]\n"))
        .isEqualTo("resource e: endpoints[0].priority: must be at most 128, got 129");
    assertThat(Yaml.reject(cla + "policy: {overprovisioning_factor: 0}\n"))
        .isEqualTo("resource e: policy.overprovisioning_factor: must be greater than 0, got 0");
  }
}
