package io.inmesh.it.http;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;

/**
 * One Envoy route, built readably: {@code MeshRoute.prefix("/v2").header("x-user",
 * "jason").to("reviews-v2").timeoutMillis(500)}. {@link #proto()} reaches every other field.
 */
public final class MeshRoute {
  private final Route.Builder route = Route.newBuilder();
  private final RouteMatch.Builder match = RouteMatch.newBuilder();
  private final RouteAction.Builder action = RouteAction.newBuilder();
  private boolean forward = true;

  private MeshRoute() {}

  public static MeshRoute prefix(String prefix) {
    MeshRoute r = new MeshRoute();
    r.match.setPrefix(prefix);
    return r;
  }

  public static MeshRoute path(String path) {
    MeshRoute r = new MeshRoute();
    r.match.setPath(path);
    return r;
  }

  /** A whole-path RE2 regex match. */
  public static MeshRoute regex(String regex) {
    MeshRoute r = new MeshRoute();
    r.match.setSafeRegex(RegexMatcher.newBuilder().setRegex(regex));
    return r;
  }

  /** Requires header {@code name} to equal {@code value}. */
  public MeshRoute header(String name, String value) {
    match.addHeaders(
        HeaderMatcher.newBuilder()
            .setName(name)
            .setStringMatch(StringMatcher.newBuilder().setExact(value)));
    return this;
  }

  /** Requires query parameter {@code name} to equal {@code value}. */
  public MeshRoute query(String name, String value) {
    match.addQueryParameters(
        QueryParameterMatcher.newBuilder()
            .setName(name)
            .setStringMatch(StringMatcher.newBuilder().setExact(value)));
    return this;
  }

  /** Forwards to one cluster. */
  public MeshRoute to(String cluster) {
    action.setCluster(cluster);
    return this;
  }

  /** Forwards by weight: {@code weighted("a", 80, "b", 20)}. */
  public MeshRoute weighted(Object... clusterWeightPairs) {
    WeightedCluster.Builder w = WeightedCluster.newBuilder();
    for (int i = 0; i < clusterWeightPairs.length; i += 2) {
      w.addClusters(
          WeightedCluster.ClusterWeight.newBuilder()
              .setName((String) clusterWeightPairs[i])
              .setWeight(UInt32Value.of((Integer) clusterWeightPairs[i + 1])));
    }
    action.setWeightedClusters(w);
    return this;
  }

  /** The route timeout ({@code 0} disables it, as in Envoy). */
  public MeshRoute timeoutMillis(long ms) {
    action.setTimeout(Mesh.millis(ms));
    return this;
  }

  /**
   * A retry policy: {@code retryOn} as Envoy spells it (e.g. {@code 5xx,connect-failure}), {@code
   * numRetries}, a per-try timeout (0: none) and {@code previous_hosts} when asked.
   */
  public MeshRoute retry(String retryOn, int numRetries, long perTryMillis, boolean previousHosts) {
    RetryPolicy.Builder p =
        RetryPolicy.newBuilder()
            .setRetryOn(retryOn)
            .setNumRetries(UInt32Value.of(numRetries))
            .setRetryBackOff(
                RetryPolicy.RetryBackOff.newBuilder()
                    .setBaseInterval(Mesh.millis(5))
                    .setMaxInterval(Mesh.millis(20)));
    if (perTryMillis > 0) {
      p.setPerTryTimeout(Mesh.millis(perTryMillis));
    }
    if (previousHosts) {
      p.addRetryHostPredicate(
          RetryPolicy.RetryHostPredicate.newBuilder()
              .setName("envoy.retry_host_predicates.previous_hosts")
              .setTypedConfig(
                  com.google.protobuf.Any.pack(
                      io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3
                          .PreviousHostsPredicate.getDefaultInstance())));
      p.setHostSelectionRetryMaxAttempts(5);
    }
    action.setRetryPolicy(p);
    return this;
  }

  /** Rewrites the matched prefix. */
  public MeshRoute prefixRewrite(String replacement) {
    action.setPrefixRewrite(replacement);
    return this;
  }

  /** Sends {@code Host: value} instead of the app's. */
  public MeshRoute hostRewrite(String value) {
    action.setHostRewriteLiteral(value);
    return this;
  }

  /** Adds (appends) a request header. */
  public MeshRoute addRequestHeader(String name, String value) {
    route.addRequestHeadersToAdd(
        HeaderValueOption.newBuilder()
            .setHeader(HeaderValue.newBuilder().setKey(name).setValue(value))
            .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD));
    return this;
  }

  /** Answers locally with {@code status} and {@code body}. */
  public MeshRoute directResponse(int status, String body) {
    forward = false;
    route.setDirectResponse(
        DirectResponseAction.newBuilder()
            .setStatus(status)
            .setBody(
                io.envoyproxy.envoy.config.core.v3.DataSource.newBuilder().setInlineString(body)));
    return this;
  }

  /** The raw route builder (match and action are applied on build). */
  public Route.Builder proto() {
    return route;
  }

  Route build() {
    Route.Builder b = route.clone().setMatch(match);
    if (forward) {
      b.setRoute(action);
    }
    return b.build();
  }
}
