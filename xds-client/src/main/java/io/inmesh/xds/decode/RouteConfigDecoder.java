package io.inmesh.xds.decode;

import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.inmesh.model.HeaderMutations;
import io.inmesh.model.Route;
import io.inmesh.model.RouteAction;
import io.inmesh.model.VirtualHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** RDS {@code RouteConfiguration} (also used for a listener's inline route config). */
final class RouteConfigDecoder {
  private RouteConfigDecoder() {}

  static DecodedResource decode(RouteConfiguration rc) {
    io.inmesh.model.RouteConfiguration model = routeConfiguration(rc, "");
    return new DecodedResource(
        ResourceType.ROUTE_CONFIGURATION,
        rc.getName(),
        model,
        Map.of(ResourceType.CLUSTER, clustersOf(model)));
  }

  /**
   * @param path the prefix for field paths, empty for an RDS resource, e.g. {@code
   *     api_listener.route_config.} for an inline one
   */
  static io.inmesh.model.RouteConfiguration routeConfiguration(RouteConfiguration rc, String path) {
    if (rc.hasVhds()) {
      throw new Invalid(path + "vhds", "on-demand virtual hosts (VHDS) are not supported");
    }
    List<VirtualHost> hosts = new ArrayList<>(rc.getVirtualHostsCount());
    Map<String, String> domainOwners = new HashMap<>();
    for (int i = 0; i < rc.getVirtualHostsCount(); i++) {
      String p = path + "virtual_hosts[" + i + "]";
      VirtualHost vh = virtualHost(rc.getVirtualHosts(i), p);
      for (String domain : vh.domains()) {
        // Envoy rejects a domain that two virtual hosts claim: the choice would be ambiguous.
        String previous = domainOwners.putIfAbsent(domain.toLowerCase(Locale.ROOT), vh.name());
        if (previous != null) {
          throw new Invalid(
              p + ".domains",
              "duplicate domain \"" + domain + "\" (also in virtual host " + previous + ")");
        }
      }
      hosts.add(vh);
    }
    HeaderMutations headers =
        Values.headerMutations(
            rc.getRequestHeadersToAddList(), rc.getRequestHeadersToRemoveList(), path);
    return new io.inmesh.model.RouteConfiguration(rc.getName(), hosts, headers);
  }

  private static VirtualHost virtualHost(
      io.envoyproxy.envoy.config.route.v3.VirtualHost vh, String path) {
    // Envoy requires a name, but Traffic Director sends proxyless clients unnamed virtual hosts
    // and gRPC accepts them; the name is only a label here.
    if (vh.hasMatcher()) {
      throw new Invalid(
          path + ".matcher",
          "matcher trees are not supported, use routes (virtual host " + vh.getName() + ")");
    }
    if (vh.getDomainsCount() == 0) {
      throw new Invalid(path + ".domains", "at least one domain is required");
    }
    for (int i = 0; i < vh.getDomainsCount(); i++) {
      Matchers.nonEmpty(vh.getDomains(i), path + ".domains[" + i + "]");
    }
    List<Route> routes = new ArrayList<>(vh.getRoutesCount());
    for (int i = 0; i < vh.getRoutesCount(); i++) {
      routes.add(RouteDecoder.route(vh.getRoutes(i), path + ".routes[" + i + "]"));
    }
    return new VirtualHost(
        vh.getName(),
        vh.getDomainsList(),
        routes,
        vh.hasRetryPolicy()
            ? RetryPolicyDecoder.retryPolicy(vh.getRetryPolicy(), path + ".retry_policy")
            : null,
        Values.headerMutations(
            vh.getRequestHeadersToAddList(), vh.getRequestHeadersToRemoveList(), path + "."),
        HttpFilterDecoder.perRoute(vh.getTypedPerFilterConfigMap(), path + "."));
  }

  /** The clusters a route config can send to (mirrors included), in order of appearance. */
  static Set<String> clustersOf(io.inmesh.model.RouteConfiguration rc) {
    Set<String> out = new LinkedHashSet<>();
    for (VirtualHost vh : rc.virtualHosts()) {
      for (Route r : vh.routes()) {
        if (r.action() instanceof RouteAction.Forward f) {
          if (f.target() instanceof RouteAction.ClusterTarget.Single s) {
            out.add(s.cluster());
          } else if (f.target() instanceof RouteAction.ClusterTarget.Weighted w) {
            w.clusters().forEach(c -> out.add(c.name()));
          }
          f.mirrors().forEach(m -> out.add(m.cluster()));
        }
      }
    }
    return out;
  }
}
