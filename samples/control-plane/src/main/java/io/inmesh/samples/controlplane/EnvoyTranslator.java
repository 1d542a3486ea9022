package io.inmesh.samples.controlplane;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link MeshSpec} into Envoy v3 resources with the proxyless naming convention ({@link
 * MeshNames}): per service one api_listener Listener, one RouteConfiguration, and per version one
 * EDS Cluster with its ClusterLoadAssignment.
 */
public final class EnvoyTranslator {
  /** The fault filter's name; routes override its (empty) listener-level config. */
  public static final String FAULT_FILTER = "envoy.filters.http.fault";

  /** The router filter's name, always last in the chain. */
  public static final String ROUTER_FILTER = "envoy.filters.http.router";

  private static final ConfigSource ADS =
      ConfigSource.newBuilder()
          .setAds(AggregatedConfigSource.getDefaultInstance())
          .setResourceApiVersion(ApiVersion.V3)
          .build();

  /** Translates the whole mesh; pure, so equal specs give equal resources. */
  public XdsResources translate(MeshSpec mesh) {
    List<Listener> listeners = new ArrayList<>();
    List<RouteConfiguration> routes = new ArrayList<>();
    List<Cluster> clusters = new ArrayList<>();
    List<ClusterLoadAssignment> endpoints = new ArrayList<>();
    for (MeshSpec.Service service : mesh.services().values()) {
      listeners.add(listener(service));
      routes.add(routeConfiguration(service));
      for (Map.Entry<String, List<MeshSpec.Endpoint>> v : service.versions().entrySet()) {
        String name = MeshNames.cluster(service.name(), service.port(), v.getKey());
        clusters.add(cluster(name, service));
        endpoints.add(loadAssignment(name, v.getValue()));
      }
    }
    return new XdsResources(listeners, routes, clusters, endpoints);
  }

  private static Listener listener(MeshSpec.Service service) {
    HttpConnectionManager.Builder hcm =
        HttpConnectionManager.newBuilder()
            .setStatPrefix(service.name())
            .setRds(
                Rds.newBuilder()
                    .setConfigSource(ADS)
                    .setRouteConfigName(
                        MeshNames.routeConfiguration(service.name(), service.port())));
    if (service.hasFaults()) {
      // Empty at listener level: only routes that carry a fault override inject anything.
      hcm.addHttpFilters(
          HttpFilter.newBuilder()
              .setName(FAULT_FILTER)
              .setTypedConfig(Any.pack(HTTPFault.getDefaultInstance())));
    }
    hcm.addHttpFilters(
        HttpFilter.newBuilder()
            .setName(ROUTER_FILTER)
            .setTypedConfig(Any.pack(Router.getDefaultInstance())));
    return Listener.newBuilder()
        .setName(MeshNames.listener(service.name(), service.port()))
        .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(hcm.build())))
        .build();
  }

  private static RouteConfiguration routeConfiguration(MeshSpec.Service service) {
    VirtualHost.Builder host =
        VirtualHost.newBuilder()
            .setName(service.name())
            .addDomains(service.name())
            .addDomains(service.name() + ":" + service.port());
    int index = 0;
    for (MeshSpec.Route route : service.routes()) {
      host.addRoutes(route(service, route, index++));
    }
    return RouteConfiguration.newBuilder()
        .setName(MeshNames.routeConfiguration(service.name(), service.port()))
        .addVirtualHosts(host)
        .build();
  }

  private static Route route(MeshSpec.Service service, MeshSpec.Route spec, int index) {
    RouteMatch.Builder match = RouteMatch.newBuilder().setPrefix(spec.pathPrefix());
    spec.headers()
        .forEach(
            (name, value) ->
                match.addHeaders(
                    HeaderMatcher.newBuilder()
                        .setName(name)
                        .setStringMatch(StringMatcher.newBuilder().setExact(value))));

    RouteAction.Builder action = RouteAction.newBuilder();
    if (spec.split().size() == 1) {
      action.setCluster(cluster(service, spec.split().keySet().iterator().next()));
    } else {
      WeightedCluster.Builder weighted = WeightedCluster.newBuilder();
      spec.split()
          .forEach(
              (version, weight) ->
                  weighted.addClusters(
                      WeightedCluster.ClusterWeight.newBuilder()
                          .setName(cluster(service, version))
                          .setWeight(UInt32Value.of(weight))));
      action.setWeightedClusters(weighted);
    }
    spec.timeout().or(service::timeout).ifPresent(t -> action.setTimeout(duration(t)));
    spec.retries().or(service::retries).ifPresent(r -> action.setRetryPolicy(retryPolicy(r)));

    Route.Builder route =
        Route.newBuilder().setName(service.name() + "-" + index).setMatch(match).setRoute(action);
    Optional<MeshSpec.Fault> fault = spec.fault().or(service::fault);
    fault.ifPresent(f -> route.putTypedPerFilterConfig(FAULT_FILTER, Any.pack(httpFault(f))));
    return route.build();
  }

  private static String cluster(MeshSpec.Service service, String version) {
    return MeshNames.cluster(service.name(), service.port(), version);
  }

  private static io.envoyproxy.envoy.config.route.v3.RetryPolicy retryPolicy(
      MeshSpec.Retries retries) {
    var policy =
        io.envoyproxy.envoy.config.route.v3.RetryPolicy.newBuilder()
            .setRetryOn(retries.on())
            .setNumRetries(UInt32Value.of(retries.attempts()));
    retries.perTryTimeout().ifPresent(t -> policy.setPerTryTimeout(duration(t)));
    return policy.build();
  }

  private static HTTPFault httpFault(MeshSpec.Fault fault) {
    HTTPFault.Builder out = HTTPFault.newBuilder();
    fault
        .abort()
        .ifPresent(
            a ->
                out.setAbort(
                    FaultAbort.newBuilder()
                        .setHttpStatus(a.status())
                        .setPercentage(percentage(a.percent()))));
    fault
        .delay()
        .ifPresent(
            d ->
                out.setDelay(
                    FaultDelay.newBuilder()
                        .setFixedDelay(duration(d.fixed()))
                        .setPercentage(percentage(d.percent()))));
    return out.build();
  }

  /** Whole percentages stay readable as HUNDRED; fractions keep their precision as MILLION. */
  static FractionalPercent percentage(double percent) {
    if (percent == Math.rint(percent)) {
      return FractionalPercent.newBuilder()
          .setNumerator((int) percent)
          .setDenominator(FractionalPercent.DenominatorType.HUNDRED)
          .build();
    }
    return FractionalPercent.newBuilder()
        .setNumerator((int) Math.round(percent * 10_000))
        .setDenominator(FractionalPercent.DenominatorType.MILLION)
        .build();
  }

  private static Cluster cluster(String name, MeshSpec.Service service) {
    Cluster.Builder cluster =
        Cluster.newBuilder()
            .setName(name)
            .setType(Cluster.DiscoveryType.EDS)
            .setEdsClusterConfig(
                Cluster.EdsClusterConfig.newBuilder().setEdsConfig(ADS).setServiceName(name))
            .setLbPolicy(
                switch (service.loadBalancer()) {
                  case ROUND_ROBIN -> Cluster.LbPolicy.ROUND_ROBIN;
                  case LEAST_REQUEST -> Cluster.LbPolicy.LEAST_REQUEST;
                  case RANDOM -> Cluster.LbPolicy.RANDOM;
                });
    service.circuitBreaker().ifPresent(b -> cluster.setCircuitBreakers(circuitBreakers(b)));
    service.outlierDetection().ifPresent(o -> cluster.setOutlierDetection(outlierDetection(o)));
    return cluster.build();
  }

  private static CircuitBreakers circuitBreakers(MeshSpec.CircuitBreaker spec) {
    CircuitBreakers.Thresholds.Builder t =
        CircuitBreakers.Thresholds.newBuilder().setPriority(RoutingPriority.DEFAULT);
    spec.maxConnections().ifPresent(v -> t.setMaxConnections(UInt32Value.of(v)));
    spec.maxPendingRequests().ifPresent(v -> t.setMaxPendingRequests(UInt32Value.of(v)));
    spec.maxRequests().ifPresent(v -> t.setMaxRequests(UInt32Value.of(v)));
    spec.maxRetries().ifPresent(v -> t.setMaxRetries(UInt32Value.of(v)));
    return CircuitBreakers.newBuilder().addThresholds(t).build();
  }

  private static OutlierDetection outlierDetection(MeshSpec.OutlierDetection spec) {
    OutlierDetection.Builder o =
        OutlierDetection.newBuilder().setConsecutive5Xx(UInt32Value.of(spec.consecutive5xx()));
    spec.interval().ifPresent(d -> o.setInterval(duration(d)));
    spec.baseEjectionTime().ifPresent(d -> o.setBaseEjectionTime(duration(d)));
    spec.maxEjectionPercent().ifPresent(p -> o.setMaxEjectionPercent(UInt32Value.of(p)));
    return o.build();
  }

  private static ClusterLoadAssignment loadAssignment(
      String clusterName, List<MeshSpec.Endpoint> endpoints) {
    // One locality with a weight: proxyless clients skip localities without one.
    LocalityLbEndpoints.Builder locality =
        LocalityLbEndpoints.newBuilder()
            .setLocality(Locality.newBuilder().setRegion("local"))
            .setLoadBalancingWeight(UInt32Value.of(1));
    for (MeshSpec.Endpoint e : endpoints) {
      locality.addLbEndpoints(
          LbEndpoint.newBuilder()
              .setEndpoint(
                  Endpoint.newBuilder()
                      .setAddress(
                          Address.newBuilder()
                              .setSocketAddress(
                                  SocketAddress.newBuilder()
                                      .setAddress(e.ip())
                                      .setPortValue(e.port())))));
    }
    return ClusterLoadAssignment.newBuilder()
        .setClusterName(clusterName)
        .addEndpoints(locality)
        .build();
  }

  private static com.google.protobuf.Duration duration(Duration d) {
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(d.getSeconds())
        .setNanos(d.getNano())
        .build();
  }
}
