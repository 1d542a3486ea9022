package io.inmesh.samples.controlplane;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mesh as written in the sample's YAML file, validated and immutable. {@link MeshYamlParser}
 * builds it; {@link EnvoyTranslator} turns it into Envoy v3 resources.
 *
 * @param services by service name, in file order
 */
public record MeshSpec(Map<String, Service> services) {

  public MeshSpec {
    services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
  }

  /**
   * One logical service, reachable by apps as {@code name:port}.
   *
   * @param versions subset name (v1, v2...) to its endpoints, in file order
   * @param routes first match wins; never empty (the parser adds a default split)
   */
  public record Service(
      String name,
      int port,
      Map<String, List<Endpoint>> versions,
      List<Route> routes,
      Optional<Retries> retries,
      Optional<Duration> timeout,
      Optional<Fault> fault,
      Optional<CircuitBreaker> circuitBreaker,
      Optional<OutlierDetection> outlierDetection,
      LoadBalancer loadBalancer) {
    public Service {
      versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
      routes = List.copyOf(routes);
    }

    /** Whether any route of this service injects faults (then the fault filter is installed). */
    public boolean hasFaults() {
      return fault.isPresent() || routes.stream().anyMatch(r -> r.fault().isPresent());
    }
  }

  /** An endpoint address; an IP literal, since the mesh itself must not depend on DNS. */
  public record Endpoint(String ip, int port) {
    @Override
    public String toString() {
      return ip + ":" + port;
    }
  }

  /**
   * One route: a match and a weighted split over versions. Retries, timeout and fault given on the
   * route override the service's.
   *
   * @param pathPrefix the path prefix to match, {@code /} when not given
   * @param headers exact header matches (lower-case names), all must match
   * @param split version to weight (positive), in file order
   */
  public record Route(
      String pathPrefix,
      Map<String, String> headers,
      Map<String, Integer> split,
      Optional<Retries> retries,
      Optional<Duration> timeout,
      Optional<Fault> fault) {
    public Route {
      headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
      split = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(split));
    }
  }

  /**
   * Envoy's retry policy: {@code attempts} is the number of retries (not counting the first try).
   *
   * @param on Envoy's comma-separated {@code retry_on} conditions
   */
  public record Retries(int attempts, String on, Optional<Duration> perTryTimeout) {}

  /** Fault injection: an abort, a delay, or both. */
  public record Fault(Optional<Abort> abort, Optional<Delay> delay) {}

  /** Abort {@code percent} of requests with HTTP {@code status}. */
  public record Abort(int status, double percent) {}

  /** Delay {@code percent} of requests by {@code fixed}. */
  public record Delay(Duration fixed, double percent) {}

  /** Envoy's default-priority thresholds; absent values keep Envoy's defaults (1024, 3 retries). */
  public record CircuitBreaker(
      Optional<Integer> maxConnections,
      Optional<Integer> maxPendingRequests,
      Optional<Integer> maxRequests,
      Optional<Integer> maxRetries) {}

  /** Envoy's consecutive-5xx outlier detection. */
  public record OutlierDetection(
      int consecutive5xx,
      Optional<Duration> interval,
      Optional<Duration> baseEjectionTime,
      Optional<Integer> maxEjectionPercent) {}

  /** The load-balancing policies the sample exposes. */
  public enum LoadBalancer {
    ROUND_ROBIN,
    LEAST_REQUEST,
    RANDOM
  }
}
