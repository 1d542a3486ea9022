package io.inmesh.xds.decode;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.inmesh.model.HealthStatus;
import io.inmesh.model.LbEndpoint;
import io.inmesh.model.Locality;
import io.inmesh.model.LocalityEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** EDS {@code ClusterLoadAssignment}, also a cluster's inline {@code load_assignment}. */
final class EndpointDecoder {
  /** Envoy's largest priority level. */
  private static final int MAX_PRIORITY = 128;

  private EndpointDecoder() {}

  static DecodedResource decode(ClusterLoadAssignment cla) {
    return new DecodedResource(
        ResourceType.CLUSTER_LOAD_ASSIGNMENT,
        cla.getClusterName(),
        loadAssignment(cla, cla.getClusterName(), ""),
        Map.of());
  }

  static io.inmesh.model.ClusterLoadAssignment loadAssignment(
      ClusterLoadAssignment cla, String name, String path) {
    List<LocalityEndpoints> localities = new ArrayList<>(cla.getEndpointsCount());
    for (int i = 0; i < cla.getEndpointsCount(); i++) {
      localities.add(locality(cla.getEndpoints(i), path + "endpoints[" + i + "]"));
    }
    int overprovisioning = 140;
    if (cla.getPolicy().hasOverprovisioningFactor()) {
      overprovisioning = cla.getPolicy().getOverprovisioningFactor().getValue();
      if (overprovisioning <= 0) {
        throw new Invalid(
            path + "policy.overprovisioning_factor",
            "must be greater than 0, got " + Integer.toUnsignedString(overprovisioning));
      }
    }
    return new io.inmesh.model.ClusterLoadAssignment(name, localities, overprovisioning);
  }

  private static LocalityEndpoints locality(LocalityLbEndpoints l, String path) {
    if (l.hasLedsClusterLocalityConfig()) {
      throw new Invalid(path + ".leds_cluster_locality_config", "LEDS is not supported");
    }
    if (l.getPriority() > MAX_PRIORITY) {
      throw new Invalid(
          path + ".priority",
          "must be at most 128, got " + Integer.toUnsignedString(l.getPriority()));
    }
    // An explicit 0 means the same as unset: Envoy's own config dumps write it that way.
    int weight = Values.uint32(l.getLoadBalancingWeight().getValue());
    List<LbEndpoint> endpoints = new ArrayList<>(l.getLbEndpointsCount());
    for (int i = 0; i < l.getLbEndpointsCount(); i++) {
      endpoints.add(endpoint(l.getLbEndpoints(i), path + ".lb_endpoints[" + i + "]"));
    }
    Locality locality =
        l.hasLocality()
            ? new Locality(
                l.getLocality().getRegion(),
                l.getLocality().getZone(),
                l.getLocality().getSubZone())
            : Locality.NONE;
    return new LocalityEndpoints(locality, endpoints, weight, l.getPriority());
  }

  private static LbEndpoint endpoint(
      io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint e, String path) {
    if (!e.hasEndpoint()) {
      throw new Invalid(path + ".endpoint", "is required (named endpoints are not supported)");
    }
    var ep = e.getEndpoint();
    if (!ep.hasAddress()) {
      throw new Invalid(path + ".endpoint.address", "is required");
    }
    int weight = 1;
    if (e.hasLoadBalancingWeight()) {
      weight = e.getLoadBalancingWeight().getValue();
      if (weight == 0) {
        throw new Invalid(path + ".load_balancing_weight", "must be at least 1");
      }
      weight = Values.uint32(weight);
    }
    return new LbEndpoint(
        Values.socketAddress(ep.getAddress(), path + ".endpoint.address"),
        health(e.getHealthStatus(), path + ".health_status"),
        weight,
        ep.getHostname().isEmpty() ? null : ep.getHostname());
  }

  private static HealthStatus health(
      io.envoyproxy.envoy.config.core.v3.HealthStatus s, String path) {
    return switch (s) {
      case UNKNOWN -> HealthStatus.UNKNOWN;
      case HEALTHY -> HealthStatus.HEALTHY;
      case UNHEALTHY -> HealthStatus.UNHEALTHY;
      case DRAINING -> HealthStatus.DRAINING;
      case TIMEOUT -> HealthStatus.TIMEOUT;
      case DEGRADED -> HealthStatus.DEGRADED;
      default -> throw new Invalid(path, "unknown value " + s);
    };
  }
}
