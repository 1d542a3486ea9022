package io.inmesh.xds.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.model.FaultConfig;
import io.inmesh.model.FilterConfig;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HttpFilter;
import io.inmesh.model.Listener;
import io.inmesh.model.SocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListenerDecoderTest {
  @Test
  void proxylessApiListenerWithRdsAndFilters() throws Exception {
    DecodedResource d =
        Yaml.decode(
            """
            '@type': type.googleapis.com/envoy.config.listener.v3.Listener
            name: echo.default.svc.cluster.local:8080
            address: {socket_address: {address: 10.96.0.12, port_value: 8080}}
            api_listener:
              api_listener:
                '@type': type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                rds: {route_config_name: 'outbound|8080||echo.default.svc.cluster.local', config_source: {ads: {}}}
                common_http_protocol_options: {max_stream_duration: 20s}
                http_filters:
                - name: envoy.filters.http.fault
                  typed_config:
                    '@type': type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault
                    delay: {fixed_delay: 0.2s, percentage: {numerator: 50, denominator: MILLION}}
                    abort: {grpc_status: 14, percentage: {numerator: 1}}
                    upstream_cluster: up
                    downstream_nodes: [n1]
                    headers: [{name: x-fault, present_match: true}]
                    max_active_faults: 7
                - name: envoy.filters.http.rbac
                  is_optional: true
                  typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC}
                - name: custom
                  typed_config: {'@type': type.googleapis.com/example.Custom, x: 1}
                - name: envoy.filters.http.router
                  typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}
            """);
    Listener l = d.model(Listener.class);
    assertThat(l.name()).isEqualTo("echo.default.svc.cluster.local:8080");
    assertThat(l.address()).isEqualTo(new SocketAddress("10.96.0.12", 8080));
    assertThat(l.tcpCluster()).isNull();
    assertThat(l.http().routeConfigName())
        .isEqualTo("outbound|8080||echo.default.svc.cluster.local");
    assertThat(l.http().inlineRoutes()).isNull();
    assertThat(l.http().maxStreamDuration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(l.http().httpFilters())
        .extracting(HttpFilter::name)
        .containsExactly(
            "envoy.filters.http.fault",
            "envoy.filters.http.rbac",
            "custom",
            "envoy.filters.http.router");
    FaultConfig fault = (FaultConfig) l.http().httpFilters().get(0).config();
    assertThat(fault.delay())
        .isEqualTo(
            new FaultConfig.Delay(
                Duration.ofMillis(200), false, new FractionalPercent(50, 1_000_000)));
    assertThat(fault.abort())
        .isEqualTo(new FaultConfig.Abort(null, 14, false, new FractionalPercent(1, 100)));
    assertThat(fault.upstreamCluster()).isEqualTo("up");
    assertThat(fault.downstreamNodes()).containsExactly("n1");
    assertThat(fault.headers()).hasSize(1);
    assertThat(fault.maxActiveFaults()).isEqualTo(7);
    assertThat(l.http().httpFilters().get(1).config())
        .isEqualTo(
            new FilterConfig.Other(
                "type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC", true));
    assertThat(l.http().httpFilters().get(2).config())
        .as("unknown and required: kept, the engine decides")
        .isEqualTo(new FilterConfig.Other("type.googleapis.com/example.Custom", false));
    assertThat(l.http().httpFilters().get(3).config()).isEqualTo(new FilterConfig.Router());
    assertThat(d.references(ResourceType.ROUTE_CONFIGURATION))
        .containsExactly("outbound|8080||echo.default.svc.cluster.local");
  }

  @Test
  void sidecarStyleTakesFirstHcmWithInlineRoutes() throws Exception {
    DecodedResource d =
        Yaml.decode(
            """
            '@type': type.googleapis.com/envoy.config.listener.v3.Listener
            name: l
            address: {socket_address: {address: 0.0.0.0, port_value: 80}}
            filter_chains:
            - filters:
              - name: envoy.filters.network.tcp_proxy
                typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy, stat_prefix: s, cluster: tcp}
            - filters:
              - name: envoy.filters.network.http_connection_manager
                typed_config:
                  '@type': type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                  stat_prefix: s
                  route_config:
                    name: inline
                    virtual_hosts: [{name: vh, domains: ['*'], routes: [{match: {prefix: /}, route: {cluster: web}}]}]
                  http_filters:
                  - name: kuma-fault
                    typed_config:
                      '@type': type.googleapis.com/envoy.extensions.common.matching.v3.ExtensionWithMatcher
                      extension_config:
                        name: envoy.filters.http.fault
                        typed_config:
                          '@type': type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault
                          abort: {http_status: 500, percentage: {numerator: 250, denominator: TEN_THOUSAND}}
                      xds_matcher: {}
                  - name: envoy.filters.http.router
                    typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}
            """);
    Listener l = d.model(Listener.class);
    assertThat(l.http().inlineRoutes().name()).isEqualTo("inline");
    assertThat(l.tcpCluster()).as("the HCM wins over an earlier tcp_proxy").isNull();
    FaultConfig fault = (FaultConfig) l.http().httpFilters().get(0).config();
    assertThat(fault.abort())
        .isEqualTo(new FaultConfig.Abort(500, null, false, new FractionalPercent(250, 10_000)));
    assertThat(d.references(ResourceType.CLUSTER)).containsExactly("web");
  }

  @Test
  void tcpProxyListener() throws Exception {
    DecodedResource d =
        Yaml.decode(
            """
            '@type': type.googleapis.com/envoy.config.listener.v3.Listener
            name: 10.0.0.1_5432
            address: {socket_address: {address: 10.0.0.1, port_value: 5432}}
            filter_chains:
            - filters:
              - name: envoy.filters.network.tcp_proxy
                typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy, stat_prefix: s, cluster: 'outbound|5432||db'}
            """);
    assertThat(d.model(Listener.class))
        .isEqualTo(
            new Listener(
                "10.0.0.1_5432", new SocketAddress("10.0.0.1", 5432), null, "outbound|5432||db"));
    assertThat(d.references(ResourceType.CLUSTER)).containsExactly("outbound|5432||db");
  }

  @Test
  void emptyFilterListMeansRouter() throws Exception {
    Listener l =
        Yaml.model(
            """
            '@type': type.googleapis.com/envoy.config.listener.v3.Listener
            name: a:1
            api_listener:
              api_listener:
                '@type': type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                rds: {route_config_name: r}
            """,
            Listener.class);
    assertThat(l.address()).isNull();
    assertThat(l.http().httpFilters())
        .containsExactly(new HttpFilter("envoy.filters.http.router", new FilterConfig.Router()));
  }
}
