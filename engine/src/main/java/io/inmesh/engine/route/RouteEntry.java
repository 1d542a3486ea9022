package io.inmesh.engine.route;

import com.google.re2j.Pattern;
import io.inmesh.engine.LocalReply;
import io.inmesh.engine.OutboundRequest;
import io.inmesh.engine.retry.CompiledRetryPolicy;
import io.inmesh.engine.upstream.RandomSource;
import io.inmesh.model.HeaderValueOption;
import io.inmesh.model.RouteAction;
import java.util.List;
import java.util.Map;

/**
 * A route compiled for the request path: its match and everything its action needs, resolved
 * against one snapshot.
 */
public final class RouteEntry {
  /** What the route does. */
  public enum Kind {
    FORWARD,
    REDIRECT,
    DIRECT_RESPONSE
  }

  /** Envoy's default route timeout. */
  public static final long DEFAULT_TIMEOUT_NANOS = 15_000_000_000L;

  final String name;
  final CompiledRouteMatch match;
  final Kind kind;

  // FORWARD
  ClusterBranch single;
  ClusterBranch[] weighted;
  long[] cumulativeWeights;
  long totalWeight;
  String clusterHeader;
  Map<String, ClusterBranch> byClusterName;
  String prefixRewrite;
  Pattern regexRewrite;
  String regexSubstitution;
  String hostRewriteLiteral;
  boolean autoHostRewrite;
  long timeoutNanos;
  long maxStreamNanos;
  boolean grpcTimeoutFromHeader;
  long grpcTimeoutMaxNanos;
  long grpcTimeoutOffsetNanos;
  CompiledRetryPolicy retry;
  MirrorPolicy[] mirrors = new MirrorPolicy[0];
  HashPolicies hashPolicies;

  // REDIRECT / DIRECT_RESPONSE
  RouteAction.Redirect redirect;
  LocalReply directReply;

  RouteEntry(String name, CompiledRouteMatch match, Kind kind) {
    this.name = name == null ? "" : name;
    this.match = match;
    this.kind = kind;
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public boolean matches(OutboundRequest request) {
    return match.matches(request);
  }

  /**
   * The target of one call: a weighted pick (uniform in {@code [0, total)} against the cumulative
   * weights, as Envoy does), the {@code cluster_header}'s cluster, or the only one. Null when a
   * {@code cluster_header} is missing or names no cluster of the snapshot.
   */
  public ClusterBranch pickBranch(OutboundRequest request, RandomSource random) {
    if (single != null) {
      return single;
    }
    if (weighted != null) {
      long r = Math.floorMod(random.nextLong(), totalWeight);
      for (int i = 0; i < cumulativeWeights.length; i++) {
        if (r < cumulativeWeights[i]) {
          return weighted[i];
        }
      }
      return weighted[weighted.length - 1];
    }
    String name = request.headers().get(clusterHeader);
    return name == null ? null : byClusterName.get(name);
  }

  /** The path to send upstream (without the query); the same instance when not rewritten. */
  public String rewritePath(String path) {
    if (prefixRewrite != null) {
      int matched = match.matchedPrefixLength();
      if (matched >= 0 && matched <= path.length()) {
        String rest = path.substring(matched);
        // Envoy joins a rewrite of "/" and a rest starting with "/" without doubling the slash.
        if (prefixRewrite.endsWith("/") && rest.startsWith("/")) {
          rest = rest.substring(1);
        }
        return prefixRewrite + rest;
      }
    }
    if (regexRewrite != null) {
      return regexRewrite.matcher(path).replaceAll(regexSubstitution);
    }
    return path;
  }

  public String hostRewriteLiteral() {
    return hostRewriteLiteral;
  }

  public boolean autoHostRewrite() {
    return autoHostRewrite;
  }

  /** The route timeout, 0 when disabled. */
  public long timeoutNanos() {
    return timeoutNanos;
  }

  /** {@code max_stream_duration} of the route (or the HCM), 0 when none. */
  public long maxStreamNanos() {
    return maxStreamNanos;
  }

  /**
   * The timeout of a gRPC call whose route sets {@code grpc_timeout_header_max}, Envoy's way: the
   * {@code grpc-timeout} header minus the offset (when the offset is smaller), capped at the max (0
   * means no cap); no header means the max; 0 means none. Returns -1 when the route does not take
   * the timeout from the header.
   */
  public long grpcTimeoutNanos(OutboundRequest request) {
    if (!grpcTimeoutFromHeader || !CompiledRouteMatch.isGrpc(request)) {
      return -1;
    }
    long t = GrpcTimeout.parseNanos(request.headers().get("grpc-timeout"));
    if (t < 0) {
      t = 0;
    }
    if (grpcTimeoutOffsetNanos > 0 && grpcTimeoutOffsetNanos < t) {
      t -= grpcTimeoutOffsetNanos;
    }
    if (grpcTimeoutMaxNanos > 0 && (t == 0 || t > grpcTimeoutMaxNanos)) {
      t = grpcTimeoutMaxNanos;
    }
    return t;
  }

  /**
   * The timeout of one call on this route: the capped {@code grpc-timeout} when the route takes it
   * from the header, else the route timeout; {@code max_stream_duration} bounds either. 0: none.
   */
  public long effectiveTimeoutNanos(OutboundRequest request) {
    long t = grpcTimeoutNanos(request);
    if (t < 0) {
      t = timeoutNanos;
    }
    if (maxStreamNanos > 0 && (t == 0 || maxStreamNanos < t)) {
      t = maxStreamNanos;
    }
    return t;
  }

  /** The retry policy, or null when the route (and its virtual host) has none. */
  public CompiledRetryPolicy retry() {
    return retry;
  }

  public MirrorPolicy[] mirrors() {
    return mirrors;
  }

  /** The hash policies, or null when none. */
  public HashPolicies hashPolicies() {
    return hashPolicies;
  }

  /** The reply of a {@code direct_response} route. */
  public LocalReply directReply() {
    return directReply;
  }

  /**
   * The reply of a {@code redirect} route: Envoy's rules for each part left unset keep the
   * request's; a scheme change drops a port that was the old scheme's default.
   */
  public LocalReply redirectReply(OutboundRequest request) {
    RouteAction.Redirect r = redirect;
    String scheme = r.scheme() != null ? r.scheme() : request.scheme();
    String authority = request.authority();
    String host = authorityHost(authority);
    int port = authorityPort(authority);
    if (r.host() != null) {
      host = r.host();
    }
    if (r.port() != null) {
      port = r.port() == 0 ? -1 : r.port();
    } else if (r.scheme() != null && port == defaultPort(request.scheme())) {
      port = -1;
    }
    if (port == defaultPort(scheme)) {
      port = -1;
    }
    String path = request.path();
    String query = request.query();
    if (r.path() != null) {
      int q = r.path().indexOf('?');
      path = q < 0 ? r.path() : r.path().substring(0, q);
      if (q >= 0) {
        query = r.path().substring(q + 1);
      }
    } else if (r.prefixRewrite() != null) {
      int matched = match.matchedPrefixLength();
      if (matched >= 0 && matched <= path.length()) {
        path = r.prefixRewrite() + path.substring(matched);
      }
    }
    StringBuilder location = new StringBuilder(64).append(scheme).append("://").append(host);
    if (port > 0) {
      location.append(':').append(port);
    }
    location.append(path);
    if (!r.stripQuery() && query != null && !query.isEmpty()) {
      location.append('?').append(query);
    }
    int status = r.responseCode() == 0 ? 301 : r.responseCode();
    return new LocalReply(
        status,
        -1,
        List.of(new HeaderValueOption("location", location.toString(), false, false)),
        null,
        LocalReply.Reason.REDIRECT);
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
  }

  static String authorityHost(String authority) {
    int colon = portColon(authority);
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  static int authorityPort(String authority) {
    int colon = portColon(authority);
    if (colon < 0) {
      return -1;
    }
    try {
      return Integer.parseInt(authority.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The index of the colon before a port, or -1 (IPv6 literals are bracketed). */
  static int portColon(String authority) {
    int colon = authority.lastIndexOf(':');
    if (colon < 0 || authority.indexOf(']', colon) >= 0) {
      return -1;
    }
    for (int i = colon + 1; i < authority.length(); i++) {
      char c = authority.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return colon + 1 < authority.length() ? colon : -1;
  }
}
