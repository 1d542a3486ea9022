package io.inmesh.xds.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.model.CircuitBreakers;
import io.inmesh.model.Cluster;
import io.inmesh.model.ClusterLoadAssignment;
import io.inmesh.model.HealthStatus;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.LbPolicy;
import io.inmesh.model.Locality;
import io.inmesh.model.LocalityEndpoints;
import io.inmesh.model.OutlierDetection;
import io.inmesh.model.SocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterDecoderTest {
  private static final String HEAD =
      "'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster\nname: c\n";

  private static Cluster cluster(String body) throws InvalidResourceException {
    return Yaml.model(HEAD + body, Cluster.class);
  }

  @Test
  void edsClusterDefaults() throws Exception {
    DecodedResource d =
        Yaml.decode(HEAD + "type: EDS\neds_cluster_config: {eds_config: {ads: {}}}\n");
    Cluster c = d.model(Cluster.class);
    assertThat(c.type()).isEqualTo(Cluster.DiscoveryType.EDS);
    assertThat(c.edsServiceName()).as("defaults to the cluster name").isEqualTo("c");
    assertThat(c.lbPolicy()).isEqualTo(LbPolicy.ROUND_ROBIN);
    assertThat(c.lbConfig()).isEqualTo(Cluster.LbConfig.DEFAULTS);
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.circuitBreakers()).isEqualTo(CircuitBreakers.DEFAULTS);
    assertThat(c.outlierDetection()).isNull();
    assertThat(c.healthyPanicThresholdPercent()).isEqualTo(50);
    assertThat(c.tls()).isNull();
    assertThat(d.references(ResourceType.CLUSTER_LOAD_ASSIGNMENT)).containsExactly("c");
  }

  @Test
  void everyClusterField() throws Exception {
    Cluster c =
        cluster(
            """
            type: EDS
            eds_cluster_config: {service_name: svc}
            lb_policy: RING_HASH
            ring_hash_lb_config: {minimum_ring_size: 2048, maximum_ring_size: 4096}
            connect_timeout: 0.25s
            circuit_breakers:
              thresholds:
              - {max_connections: 10, max_pending_requests: 11, max_requests: 12, max_retries: 2, retry_budget: {budget_percent: {value: 25}, min_retry_concurrency: 4}}
              - {priority: HIGH, max_requests: 99}
            outlier_detection:
              consecutive_5xx: 3
              interval: 2s
              base_ejection_time: 15s
              max_ejection_percent: 50
              success_rate_stdev_factor: 2500
              enforcing_consecutive_gateway_failure: 100
              consecutive_gateway_failure: 4
              failure_percentage_threshold: 90
              split_external_local_origin_errors: true
              max_ejection_time_jitter: 1s
            common_lb_config:
              healthy_panic_threshold: {value: 0}
              locality_weighted_lb_config: {}
            transport_socket:
              name: envoy.transport_sockets.tls
              typed_config: {'@type': type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext, sni: svc.example}
            """);
    assertThat(c.edsServiceName()).isEqualTo("svc");
    assertThat(c.lbPolicy()).isEqualTo(LbPolicy.RING_HASH);
    assertThat(c.lbConfig().minRingSize()).isEqualTo(2048);
    assertThat(c.lbConfig().maxRingSize()).isEqualTo(4096);
    assertThat(c.lbConfig().localityWeighted()).isTrue();
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.circuitBreakers().forPriority(CircuitBreakers.RoutingPriority.DEFAULT))
        .isEqualTo(
            new CircuitBreakers.Thresholds(
                CircuitBreakers.RoutingPriority.DEFAULT,
                10,
                11,
                12,
                2,
                new CircuitBreakers.RetryBudget(25, 4)));
    assertThat(c.circuitBreakers().forPriority(CircuitBreakers.RoutingPriority.HIGH))
        .isEqualTo(
            new CircuitBreakers.Thresholds(
                CircuitBreakers.RoutingPriority.HIGH, 1024, 1024, 99, 3, null));
    OutlierDetection o = c.outlierDetection();
    OutlierDetection d = OutlierDetection.defaults();
    assertThat(o.consecutive5xx()).isEqualTo(3);
    assertThat(o.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.baseEjectionTime()).isEqualTo(Duration.ofSeconds(15));
    assertThat(o.maxEjectionPercent()).isEqualTo(50);
    assertThat(o.successRateStdevFactor()).isEqualTo(2.5);
    assertThat(o.consecutiveGatewayFailure()).isEqualTo(4);
    assertThat(o.enforcingConsecutiveGatewayFailure()).isEqualTo(100);
    assertThat(o.failurePercentageThreshold()).isEqualTo(90);
    assertThat(o.splitExternalLocalOriginErrors()).isTrue();
    assertThat(o.maxEjectionTimeJitter()).isEqualTo(Duration.ofSeconds(1));
    // Untouched fields keep Envoy's defaults.
    assertThat(o.maxEjectionTime()).isEqualTo(d.maxEjectionTime());
    assertThat(o.enforcingSuccessRate()).isEqualTo(100);
    assertThat(o.successRateMinimumHosts()).isEqualTo(5);
    assertThat(o.failurePercentageRequestVolume()).isEqualTo(50);
    assertThat(o.enforcingFailurePercentage()).isEqualTo(0);
    assertThat(c.healthyPanicThresholdPercent()).isEqualTo(0);
    assertThat(c.tls()).isEqualTo(new Cluster.UpstreamTls("svc.example"));
  }

  @Test
  void emptyOutlierDetectionIsAllDefaults() throws Exception {
    assertThat(cluster("type: EDS\noutlier_detection: {}\n").outlierDetection())
        .isEqualTo(OutlierDetection.defaults());
  }

  @Test
  void leastRequestAndMaglevConfigs() throws Exception {
    Cluster lr =
        cluster(
            "type: EDS\nlb_policy: LEAST_REQUEST\nleast_request_lb_config: {choice_count: 3, active_request_bias: {default_value: 0.5, runtime_key: k}}\n");
    assertThat(lr.lbPolicy()).isEqualTo(LbPolicy.LEAST_REQUEST);
    assertThat(lr.lbConfig().choiceCount()).isEqualTo(3);
    assertThat(lr.lbConfig().activeRequestBias()).isEqualTo(0.5);
    Cluster mg = cluster("type: EDS\nlb_policy: MAGLEV\nmaglev_lb_config: {table_size: 131}\n");
    assertThat(mg.lbPolicy()).isEqualTo(LbPolicy.MAGLEV);
    assertThat(mg.lbConfig().maglevTableSize()).isEqualTo(131);
  }

  @Test
  void loadBalancingPolicyPicksFirstSupported() throws Exception {
    Cluster c =
        cluster(
            """
            type: EDS
            lb_policy: RANDOM
            load_balancing_policy:
              policies:
              - typed_extension_config: {name: x, typed_config: {'@type': type.googleapis.com/example.FancyLb}}
              - typed_extension_config:
                  name: wrr
                  typed_config:
                    '@type': type.googleapis.com/envoy.extensions.load_balancing_policies.wrr_locality.v3.WrrLocality
                    endpoint_picking_policy:
                      policies:
                      - typed_extension_config:
                          name: lr
                          typed_config: {'@type': type.googleapis.com/envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest, choice_count: 4}
            """);
    assertThat(c.lbPolicy())
        .as("load_balancing_policy wins over lb_policy")
        .isEqualTo(LbPolicy.LEAST_REQUEST);
    assertThat(c.lbConfig().choiceCount()).isEqualTo(4);
    assertThat(c.lbConfig().localityWeighted()).isTrue();
    Cluster cswrr =
        cluster(
            "type: EDS\nload_balancing_policy: {policies: [{typed_extension_config: {name: w, typed_config: {'@type': type.googleapis.com/envoy.extensions.load_balancing_policies.client_side_weighted_round_robin.v3.ClientSideWeightedRoundRobin}}}]}\n");
    assertThat(cswrr.lbPolicy()).isEqualTo(LbPolicy.ROUND_ROBIN);
    Cluster ring =
        cluster(
            "type: EDS\nload_balancing_policy: {policies: [{typed_extension_config: {name: r, typed_config: {'@type': type.googleapis.com/envoy.extensions.load_balancing_policies.ring_hash.v3.RingHash, minimum_ring_size: 10}}}]}\n");
    assertThat(ring.lbPolicy()).isEqualTo(LbPolicy.RING_HASH);
    assertThat(ring.lbConfig().minRingSize()).isEqualTo(10);
  }

  @Test
  void staticClusterWithInlineEndpointsAndOriginalDst() throws Exception {
    DecodedResource d =
        Yaml.decode(
            HEAD
                + """
                type: STRICT_DNS
                load_assignment:
                  cluster_name: c
                  endpoints:
                  - lb_endpoints: [{endpoint: {address: {socket_address: {address: backend.local, port_value: 80}}}}]
                """);
    Cluster c = d.model(Cluster.class);
    assertThat(c.loadAssignment().localities().get(0).endpoints())
        .containsExactly(
            new LbEndpoint(new SocketAddress("backend.local", 80), HealthStatus.UNKNOWN, 1, null));
    assertThat(c.edsServiceName()).isNull();
    assertThat(d.dependencies()).isEmpty();
    assertThat(cluster("type: ORIGINAL_DST\nlb_policy: CLUSTER_PROVIDED\n").lbPolicy())
        .isEqualTo(LbPolicy.CLUSTER_PROVIDED);
  }

  @Test
  void clusterLoadAssignment() throws Exception {
    ClusterLoadAssignment cla =
        Yaml.model(
            """
            '@type': type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment
            cluster_name: svc
            endpoints:
            - locality: {region: r1, zone: z1, sub_zone: s1}
              load_balancing_weight: 3
              priority: 1
              lb_endpoints:
              - endpoint: {address: {socket_address: {address: 10.0.0.1, port_value: 8080}}, hostname: pod-1}
                health_status: DRAINING
                load_balancing_weight: 7
              - endpoint: {address: {socket_address: {address: '::1', port_value: 8080}}}
            policy: {overprovisioning_factor: 200}
            """,
            ClusterLoadAssignment.class);
    assertThat(cla.clusterName()).isEqualTo("svc");
    assertThat(cla.overprovisioningFactor()).isEqualTo(200);
    LocalityEndpoints l = cla.localities().get(0);
    assertThat(l.locality()).isEqualTo(new Locality("r1", "z1", "s1"));
    assertThat(l.weight()).isEqualTo(3);
    assertThat(l.priority()).isEqualTo(1);
    assertThat(l.endpoints())
        .containsExactly(
            new LbEndpoint(new SocketAddress("10.0.0.1", 8080), HealthStatus.DRAINING, 7, "pod-1"),
            new LbEndpoint(new SocketAddress("::1", 8080), HealthStatus.UNKNOWN, 1, null));
    ClusterLoadAssignment bare =
        Yaml.model(
            "'@type': type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment\ncluster_name: x\n",
            ClusterLoadAssignment.class);
    assertThat(bare.overprovisioningFactor()).as("Envoy default").isEqualTo(140);
  }
}
