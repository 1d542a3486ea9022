package io.inmesh.samples.controlplane;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads the sample's mesh YAML into a {@link MeshSpec}, rejecting anything it does not understand
 * with a message that names the place. The schema is documented in {@code samples/README.md}.
 */
public final class MeshYamlParser {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern HEADER = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");

  /** Envoy's {@code retry_on} conditions for HTTP routes (x-envoy-retry-on and grpc-retry-on). */
  private static final Set<String> RETRY_ON =
      Set.of(
          "5xx",
          "gateway-error",
          "reset",
          "reset-before-request",
          "connect-failure",
          "envoy-ratelimited",
          "retriable-4xx",
          "refused-stream",
          "retriable-status-codes",
          "retriable-headers",
          "http3-post-connect-failure",
          "cancelled",
          "deadline-exceeded",
          "internal",
          "resource-exhausted",
          "unavailable");

  private static final Set<String> SERVICE_KEYS =
      Set.of(
          "port",
          "versions",
          "routes",
          "retries",
          "timeout",
          "fault",
          "circuitBreaker",
          "outlierDetection",
          "loadBalancer");
  private static final Set<String> ROUTE_KEYS =
      Set.of("match", "split", "retries", "timeout", "fault");

  /** Parses the text of a mesh file. */
  public MeshSpec parse(String yamlText) throws InvalidMeshException {
    Object root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root =
          new Yaml(
                  new SafeConstructor(options),
                  new Representer(new DumperOptions()),
                  new DumperOptions(),
                  options,
                  new Yaml12Booleans())
              .load(yamlText);
    } catch (YAMLException e) {
      throw new InvalidMeshException("not valid YAML: " + e.getMessage().replace('\n', ' '), e);
    }
    if (root == null) {
      throw new InvalidMeshException("the file is empty");
    }
    YamlNode top = new YamlNode("", root).onlyKeys(Set.of("services"));
    Map<String, MeshSpec.Service> services = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : top.required("services").entries().entrySet()) {
      MeshSpec.Service service = service(e.getKey(), e.getValue());
      services.put(service.name(), service);
    }
    if (services.isEmpty()) {
      throw new InvalidMeshException("services: at least one service is required");
    }
    return new MeshSpec(services);
  }

  private MeshSpec.Service service(String name, YamlNode node) throws InvalidMeshException {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidMeshException(
          node.path() + ": service names are lower-case DNS labels (a-z, 0-9, -)");
    }
    node.onlyKeys(SERVICE_KEYS);
    int port = node.required("port").integer(1, 65_535);
    Map<String, List<MeshSpec.Endpoint>> versions = versions(node.required("versions"));
    Optional<MeshSpec.Retries> retries = optional(node, "retries", this::retries);
    Optional<Duration> timeout = optional(node, "timeout", YamlNode::duration);
    Optional<MeshSpec.Fault> fault = optional(node, "fault", this::fault);
    List<MeshSpec.Route> routes = new ArrayList<>();
    Optional<YamlNode> routeList = node.optional("routes");
    if (routeList.isPresent()) {
      for (YamlNode r : routeList.get().list()) {
        routes.add(route(r, versions.keySet()));
      }
    }
    if (routes.isEmpty()) {
      // No routes: spread evenly over the versions, the least surprising default.
      Map<String, Integer> even = new LinkedHashMap<>();
      versions.keySet().forEach(v -> even.put(v, 1));
      routes.add(
          new MeshSpec.Route(
              "/", Map.of(), even, Optional.empty(), Optional.empty(), Optional.empty()));
    }
    return new MeshSpec.Service(
        name,
        port,
        versions,
        routes,
        retries,
        timeout,
        fault,
        optional(node, "circuitBreaker", this::circuitBreaker),
        optional(node, "outlierDetection", this::outlierDetection),
        loadBalancer(node.optional("loadBalancer")));
  }

  private Map<String, List<MeshSpec.Endpoint>> versions(YamlNode node) throws InvalidMeshException {
    Map<String, List<MeshSpec.Endpoint>> versions = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
      if (!NAME.matcher(e.getKey()).matches()) {
        throw new InvalidMeshException(e.getValue().path() + ": version names are like v1, canary");
      }
      List<MeshSpec.Endpoint> endpoints = new ArrayList<>();
      for (YamlNode address : e.getValue().list()) {
        endpoints.add(endpoint(address));
      }
      if (endpoints.isEmpty()) {
        throw new InvalidMeshException(e.getValue().path() + ": at least one endpoint is required");
      }
      versions.put(e.getKey(), List.copyOf(endpoints));
    }
    if (versions.isEmpty()) {
      throw new InvalidMeshException(node.path() + ": at least one version is required");
    }
    return versions;
  }

  private MeshSpec.Endpoint endpoint(YamlNode node) throws InvalidMeshException {
    String text = node.string();
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw node.error("expected ip:port");
    }
    String ip = text.substring(0, colon);
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    if (!isIpLiteral(ip)) {
      // The mesh resolves names for the apps; endpoints given as names would need DNS itself.
      throw node.error("expected an IP literal, not a host name");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw node.error("expected ip:port");
    }
    if (port < 1 || port > 65_535) {
      throw node.error("port must be between 1 and 65535");
    }
    return new MeshSpec.Endpoint(ip, port);
  }

  private static boolean isIpLiteral(String host) {
    if (!host.matches("[0-9.]+") && !host.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      InetAddress.getByName(host); // a literal never touches DNS
      return host.contains(":") || host.split("\\.").length == 4;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private MeshSpec.Route route(YamlNode node, Set<String> versions) throws InvalidMeshException {
    node.onlyKeys(ROUTE_KEYS);
    String prefix = "/";
    Map<String, String> headers = new LinkedHashMap<>();
    Optional<YamlNode> match = node.optional("match");
    if (match.isPresent()) {
      YamlNode m = match.get().onlyKeys(Set.of("prefix", "headers"));
      Optional<YamlNode> p = m.optional("prefix");
      if (p.isPresent()) {
        prefix = p.get().string();
        if (!prefix.startsWith("/")) {
          throw p.get().error("a path prefix starts with /");
        }
      }
      Optional<YamlNode> h = m.optional("headers");
      if (h.isPresent()) {
        for (Map.Entry<String, YamlNode> e : h.get().entries().entrySet()) {
          String header = e.getKey().toLowerCase(Locale.ROOT);
          if (!HEADER.matcher(header).matches()) {
            throw new InvalidMeshException(e.getValue().path() + ": not a valid header name");
          }
          headers.put(header, e.getValue().string());
        }
      }
    }
    YamlNode splitNode = node.required("split");
    Map<String, Integer> split = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : splitNode.entries().entrySet()) {
      if (!versions.contains(e.getKey())) {
        throw new InvalidMeshException(
            e.getValue().path() + ": unknown version (known: " + String.join(", ", versions) + ")");
      }
      int weight = e.getValue().integer(0, 1_000_000);
      if (weight > 0) {
        split.put(e.getKey(), weight);
      }
    }
    if (split.isEmpty()) {
      throw new InvalidMeshException(splitNode.path() + ": at least one weight must be positive");
    }
    return new MeshSpec.Route(
        prefix,
        headers,
        split,
        optional(node, "retries", this::retries),
        optional(node, "timeout", YamlNode::duration),
        optional(node, "fault", this::fault));
  }

  private MeshSpec.Retries retries(YamlNode node) throws InvalidMeshException {
    node.onlyKeys(Set.of("attempts", "on", "perTryTimeout"));
    int attempts = node.required("attempts").integer(0, 10);
    String on = "5xx,connect-failure";
    Optional<YamlNode> onNode = node.optional("on");
    if (onNode.isPresent()) {
      on = onNode.get().string().replace(" ", "");
      for (String condition : on.split(",")) {
        if (!RETRY_ON.contains(condition)) {
          throw onNode.get().error("unknown retry condition '" + condition + "'");
        }
      }
    }
    return new MeshSpec.Retries(attempts, on, optional(node, "perTryTimeout", YamlNode::duration));
  }

  private MeshSpec.Fault fault(YamlNode node) throws InvalidMeshException {
    node.onlyKeys(Set.of("abort", "delay"));
    Optional<MeshSpec.Abort> abort =
        optional(
            node,
            "abort",
            a -> {
              a.onlyKeys(Set.of("status", "percent"));
              return new MeshSpec.Abort(
                  a.required("status").integer(200, 599), a.required("percent").percent());
            });
    Optional<MeshSpec.Delay> delay =
        optional(
            node,
            "delay",
            d -> {
              d.onlyKeys(Set.of("fixed", "percent"));
              return new MeshSpec.Delay(
                  d.required("fixed").duration(), d.required("percent").percent());
            });
    if (abort.isEmpty() && delay.isEmpty()) {
      throw new InvalidMeshException(node.path() + ": give an abort, a delay, or both");
    }
    return new MeshSpec.Fault(abort, delay);
  }

  private MeshSpec.CircuitBreaker circuitBreaker(YamlNode node) throws InvalidMeshException {
    node.onlyKeys(Set.of("maxConnections", "maxPendingRequests", "maxRequests", "maxRetries"));
    return new MeshSpec.CircuitBreaker(
        optional(node, "maxConnections", n -> n.integer(1, Integer.MAX_VALUE)),
        optional(node, "maxPendingRequests", n -> n.integer(1, Integer.MAX_VALUE)),
        optional(node, "maxRequests", n -> n.integer(1, Integer.MAX_VALUE)),
        optional(node, "maxRetries", n -> n.integer(0, Integer.MAX_VALUE)));
  }

  private MeshSpec.OutlierDetection outlierDetection(YamlNode node) throws InvalidMeshException {
    node.onlyKeys(Set.of("consecutive5xx", "interval", "baseEjectionTime", "maxEjectionPercent"));
    return new MeshSpec.OutlierDetection(
        node.required("consecutive5xx").integer(1, 1_000),
        optional(node, "interval", YamlNode::duration),
        optional(node, "baseEjectionTime", YamlNode::duration),
        optional(node, "maxEjectionPercent", n -> n.integer(0, 100)));
  }

  private static MeshSpec.LoadBalancer loadBalancer(Optional<YamlNode> node)
      throws InvalidMeshException {
    if (node.isEmpty()) {
      return MeshSpec.LoadBalancer.ROUND_ROBIN;
    }
    String text = node.get().string();
    try {
      return MeshSpec.LoadBalancer.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw node.get().error("expected round-robin, least-request or random");
    }
  }

  private interface Reader<T> {
    T read(YamlNode node) throws InvalidMeshException;
  }

  private static <T> Optional<T> optional(YamlNode parent, String key, Reader<T> reader)
      throws InvalidMeshException {
    Optional<YamlNode> node = parent.optional(key);
    return node.isPresent() ? Optional.of(reader.read(node.get())) : Optional.empty();
  }
}
