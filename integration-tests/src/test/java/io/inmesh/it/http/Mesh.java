package io.inmesh.it.http;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A readable builder of the Envoy v3 resources a proxyless mesh serves, for the scenario tests:
 *
 * <pre>{@code
 * Mesh mesh = new Mesh();
 * mesh.service("reviews", 9080)                       // Listener "reviews:9080" (api_listener)
 *     .faultAbort(503, 10)                            //   HCM: fault filter, then router
 *     .route(MeshRoute.prefix("/").to("reviews-v1")); //   RDS "reviews:9080" with one virtual host
 * mesh.cluster("reviews-v1", backendA.port(), backendB.port()).maxRequests(10); // CDS + EDS
 * xds.apply(mesh);
 * }</pre>
 *
 * The same resources can be written as a {@code MESH_CONFIG} file ({@link #toJson()}).
 */
public final class Mesh {
  private static final ConfigSource ADS =
      ConfigSource.newBuilder().setAds(AggregatedConfigSource.getDefaultInstance()).build();

  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Map<String, ClusterSpec> clusters = new LinkedHashMap<>();

  /** The service {@code host:port} (created on first use). */
  public Service service(String host, int port) {
    return services.computeIfAbsent(host + ":" + port, Service::new);
  }

  /** An EDS cluster whose endpoints are {@code 127.0.0.1:<port>} (replaced when called again). */
  public ClusterSpec cluster(String name, int... ports) {
    ClusterSpec c = new ClusterSpec(name, ports);
    clusters.put(name, c);
    return c;
  }

  /** Removes a service's listener and routes. */
  public Mesh removeService(String host, int port) {
    services.remove(host + ":" + port);
    return this;
  }

  public List<Listener> listeners() {
    return services.values().stream().map(Service::listener).toList();
  }

  public List<RouteConfiguration> routeConfigurations() {
    return services.values().stream().map(Service::routeConfiguration).toList();
  }

  public List<Cluster> clusters() {
    return clusters.values().stream().map(ClusterSpec::cluster).toList();
  }

  public List<ClusterLoadAssignment> loadAssignments() {
    return clusters.values().stream().map(ClusterSpec::loadAssignment).toList();
  }

  /** A java-control-plane snapshot; each type's version is a hash of its resources. */
  public Snapshot snapshot() {
    List<Cluster> c = clusters();
    List<ClusterLoadAssignment> e = loadAssignments();
    List<Listener> l = listeners();
    List<RouteConfiguration> r = routeConfigurations();
    return Snapshot.create(
        c, version(c), e, version(e), l, version(l), r, version(r), List.of(), "0");
  }

  private static String version(List<? extends Message> resources) {
    return Integer.toHexString(resources.hashCode());
  }

  /** The resources as a {@code MESH_CONFIG} document: {@code {"resources": [ {"@type"...} ]}}. */
  public String toJson() {
    JsonFormat.TypeRegistry types =
        JsonFormat.TypeRegistry.newBuilder()
            .add(HttpConnectionManager.getDescriptor())
            .add(Router.getDescriptor())
            .add(HTTPFault.getDescriptor())
            .add(Listener.getDescriptor())
            .add(RouteConfiguration.getDescriptor())
            .add(Cluster.getDescriptor())
            .add(ClusterLoadAssignment.getDescriptor())
            .build();
    JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(types);
    List<Message> all = new ArrayList<>();
    all.addAll(listeners());
    all.addAll(routeConfigurations());
    all.addAll(clusters());
    all.addAll(loadAssignments());
    List<String> items = new ArrayList<>();
    try {
      for (Message m : all) {
        items.add(printer.print(Any.pack(m)));
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    return "{\"resources\": [\n" + String.join(",\n", items) + "\n]}\n";
  }

  static Duration millis(long ms) {
    return Durations.fromMillis(ms);
  }

  static FractionalPercent percent(int percent) {
    return FractionalPercent.newBuilder()
        .setNumerator(percent)
        .setDenominator(FractionalPercent.DenominatorType.HUNDRED)
        .build();
  }

  /**
   * One service: an api_listener named {@code host:port} whose HCM has the fault filter (when a
   * fault is set) and the router, and its route configuration (one virtual host, domains {@code
   * *}).
   */
  public static final class Service {
    private final String name;
    private final List<MeshRoute> routes = new ArrayList<>();
    private HTTPFault.Builder fault;

    Service(String name) {
      this.name = name;
    }

    /** Appends a route (first match wins, as in Envoy). */
    public Service route(MeshRoute route) {
      routes.add(Objects.requireNonNull(route));
      return this;
    }

    /** Replaces every route. */
    public Service routes(MeshRoute... replacement) {
      routes.clear();
      routes.addAll(List.of(replacement));
      return this;
    }

    /** Aborts {@code percent} % of calls with {@code status}. */
    public Service faultAbort(int status, int percent) {
      fault()
          .setAbort(FaultAbort.newBuilder().setHttpStatus(status).setPercentage(percent(percent)));
      return this;
    }

    /** Aborts calls carrying {@code x-envoy-fault-abort-request: <status>}. */
    public Service faultAbortByHeader() {
      fault()
          .setAbort(
              FaultAbort.newBuilder()
                  .setHeaderAbort(FaultAbort.HeaderAbort.getDefaultInstance())
                  .setPercentage(percent(100)));
      return this;
    }

    /** Delays {@code percent} % of calls by {@code ms}. */
    public Service faultDelay(long ms, int percent) {
      fault()
          .setDelay(
              FaultDelay.newBuilder().setFixedDelay(millis(ms)).setPercentage(percent(percent)));
      return this;
    }

    /** Delays calls carrying {@code x-envoy-fault-delay-request: <ms>}. */
    public Service faultDelayByHeader() {
      fault()
          .setDelay(
              FaultDelay.newBuilder()
                  .setHeaderDelay(FaultDelay.HeaderDelay.getDefaultInstance())
                  .setPercentage(percent(100)));
      return this;
    }

    public Service noFault() {
      fault = null;
      return this;
    }

    private HTTPFault.Builder fault() {
      if (fault == null) {
        fault = HTTPFault.newBuilder();
      }
      return fault;
    }

    Listener listener() {
      HttpConnectionManager.Builder hcm =
          HttpConnectionManager.newBuilder()
              .setStatPrefix(name)
              .setRds(Rds.newBuilder().setRouteConfigName(name).setConfigSource(ADS));
      if (fault != null) {
        hcm.addHttpFilters(
            HttpFilter.newBuilder()
                .setName("envoy.filters.http.fault")
                .setTypedConfig(Any.pack(fault.build())));
      }
      hcm.addHttpFilters(
          HttpFilter.newBuilder()
              .setName("envoy.filters.http.router")
              .setTypedConfig(Any.pack(Router.getDefaultInstance())));
      return Listener.newBuilder()
          .setName(name)
          .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(hcm.build())))
          .build();
    }

    RouteConfiguration routeConfiguration() {
      VirtualHost.Builder vh = VirtualHost.newBuilder().setName(name).addDomains("*");
      for (MeshRoute r : routes) {
        vh.addRoutes(r.build());
      }
      return RouteConfiguration.newBuilder().setName(name).addVirtualHosts(vh).build();
    }
  }

  /** An EDS cluster on loopback endpoints, with its circuit breakers and outlier detection. */
  public static final class ClusterSpec {
    private final String name;
    private final int[] ports;
    private final Cluster.Builder cluster;
    private final CircuitBreakers.Thresholds.Builder thresholds =
        CircuitBreakers.Thresholds.newBuilder();
    private boolean hasThresholds;

    ClusterSpec(String name, int[] ports) {
      this.name = name;
      this.ports = ports.clone();
      this.cluster =
          Cluster.newBuilder()
              .setName(name)
              .setType(Cluster.DiscoveryType.EDS)
              .setConnectTimeout(millis(1000))
              .setEdsClusterConfig(
                  Cluster.EdsClusterConfig.newBuilder().setEdsConfig(ADS).setServiceName(name));
    }

    /** {@code circuit_breakers.thresholds[0].max_requests}. */
    public ClusterSpec maxRequests(int n) {
      thresholds.setMaxRequests(UInt32Value.of(n));
      hasThresholds = true;
      return this;
    }

    /** {@code max_retries} of the default-priority thresholds. */
    public ClusterSpec maxRetries(int n) {
      thresholds.setMaxRetries(UInt32Value.of(n));
      hasThresholds = true;
      return this;
    }

    /**
     * A retry budget: {@code budget_percent} of active requests, at least {@code minConcurrency}.
     */
    public ClusterSpec retryBudget(double percent, int minConcurrency) {
      thresholds.setRetryBudget(
          CircuitBreakers.Thresholds.RetryBudget.newBuilder()
              .setBudgetPercent(io.envoyproxy.envoy.type.v3.Percent.newBuilder().setValue(percent))
              .setMinRetryConcurrency(UInt32Value.of(minConcurrency)));
      hasThresholds = true;
      return this;
    }

    /** Ejects a host after {@code n} consecutive 5xx for {@code baseEjectionMs}, up to 50 %. */
    public ClusterSpec ejectAfterConsecutive5xx(int n, long baseEjectionMs) {
      cluster.setOutlierDetection(
          OutlierDetection.newBuilder()
              .setConsecutive5Xx(UInt32Value.of(n))
              .setBaseEjectionTime(millis(baseEjectionMs))
              .setInterval(millis(1000))
              .setMaxEjectionPercent(UInt32Value.of(50)));
      return this;
    }

    /** The raw proto builder, for anything else. */
    public Cluster.Builder proto() {
      return cluster;
    }

    Cluster cluster() {
      if (hasThresholds) {
        cluster.setCircuitBreakers(CircuitBreakers.newBuilder().addThresholds(thresholds));
      }
      return cluster.build();
    }

    ClusterLoadAssignment loadAssignment() {
      LocalityLbEndpoints.Builder locality =
          LocalityLbEndpoints.newBuilder().setLoadBalancingWeight(UInt32Value.of(1));
      for (int port : ports) {
        locality.addLbEndpoints(
            LbEndpoint.newBuilder()
                .setEndpoint(
                    Endpoint.newBuilder()
                        .setAddress(
                            Address.newBuilder()
                                .setSocketAddress(
                                    SocketAddress.newBuilder()
                                        .setAddress("127.0.0.1")
                                        .setPortValue(port)))));
      }
      return ClusterLoadAssignment.newBuilder().setClusterName(name).addEndpoints(locality).build();
    }
  }
}
