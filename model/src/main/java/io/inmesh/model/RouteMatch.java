package io.inmesh.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code config.route.v3.RouteMatch}. All conditions must hold.
 *
 * @param caseSensitive Envoy default true; applies to prefix and exact path matching
 * @param runtimeFraction the share of matching requests this route takes (Envoy's {@code
 *     runtime_fraction} default value); null: all
 * @param grpcOnly {@code grpc: {}}: only requests with {@code content-type: application/grpc*}
 */
public record RouteMatch(
    PathMatch path,
    boolean caseSensitive,
    List<HeaderMatcher> headers,
    List<QueryParameterMatcher> queryParameters,
    FractionalPercent runtimeFraction,
    boolean grpcOnly) {
  public RouteMatch {
    Objects.requireNonNull(path, "path");
    headers = Immutables.list(headers);
    queryParameters = Immutables.list(queryParameters);
  }

  public static RouteMatch prefix(String prefix) {
    return new RouteMatch(new PathMatch.Prefix(prefix), true, List.of(), List.of(), null, false);
  }
}
