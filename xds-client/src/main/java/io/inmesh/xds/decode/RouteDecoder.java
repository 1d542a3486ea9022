package io.inmesh.xds.decode;

import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.PathMatch;
import io.inmesh.model.Route;
import io.inmesh.model.RouteAction;
import io.inmesh.model.RouteMatch;
import java.util.ArrayList;
import java.util.List;

/** One {@code Route}: its match and its action. */
final class RouteDecoder {
  private RouteDecoder() {}

  static Route route(io.envoyproxy.envoy.config.route.v3.Route r, String path) {
    RouteMatch match = match(r.getMatch(), path + ".match");
    RouteAction action =
        switch (r.getActionCase()) {
          case ROUTE -> RouteActionDecoder.forward(r.getRoute(), path + ".route");
          case REDIRECT -> RouteActionDecoder.redirect(r.getRedirect(), path + ".redirect");
          case DIRECT_RESPONSE ->
              RouteActionDecoder.directResponse(r.getDirectResponse(), path + ".direct_response");
          case FILTER_ACTION ->
              throw new Invalid(path + ".filter_action", "filter actions are not supported");
          case NON_FORWARDING_ACTION ->
              throw new Invalid(
                  path + ".non_forwarding_action",
                  "non-forwarding (server-side) routes are not supported by a client-side mesh");
          case ACTION_NOT_SET ->
              throw new Invalid(path, "one of route, redirect, direct_response is required");
        };
    return new Route(
        r.getName(),
        match,
        action,
        Values.headerMutations(
            r.getRequestHeadersToAddList(), r.getRequestHeadersToRemoveList(), path + "."),
        HttpFilterDecoder.perRoute(r.getTypedPerFilterConfigMap(), path + "."));
  }

  static RouteMatch match(io.envoyproxy.envoy.config.route.v3.RouteMatch m, String path) {
    PathMatch pathMatch =
        switch (m.getPathSpecifierCase()) {
          case PREFIX -> new PathMatch.Prefix(m.getPrefix());
          case PATH -> new PathMatch.Exact(m.getPath());
          case SAFE_REGEX ->
              new PathMatch.Regex(Matchers.regex(m.getSafeRegex(), path + ".safe_regex"));
          case PATH_SEPARATED_PREFIX ->
              new PathMatch.SeparatedPrefix(
                  separatedPrefix(m.getPathSeparatedPrefix(), path + ".path_separated_prefix"));
          case CONNECT_MATCHER ->
              throw new Invalid(path + ".connect_matcher", "CONNECT matching is not supported");
          case PATH_MATCH_POLICY ->
              throw new Invalid(
                  path + ".path_match_policy", "path match policy extensions are not supported");
          case PATHSPECIFIER_NOT_SET ->
              throw new Invalid(
                  path, "one of prefix, path, safe_regex, path_separated_prefix is required");
        };
    if (m.getDynamicMetadataCount() > 0) {
      throw new Invalid(path + ".dynamic_metadata", "dynamic metadata matching is not supported");
    }
    if (m.getFilterStateCount() > 0) {
      throw new Invalid(path + ".filter_state", "filter state matching is not supported");
    }
    if (m.hasTlsContext()) {
      // The connection's downstream TLS does not exist in-process; ignoring it would widen the
      // route, so it is refused instead.
      throw new Invalid(path + ".tls_context", "TLS context matching is not supported");
    }
    List<io.inmesh.model.QueryParameterMatcher> query = new ArrayList<>();
    for (int i = 0; i < m.getQueryParametersCount(); i++) {
      query.add(queryParameter(m.getQueryParameters(i), path + ".query_parameters[" + i + "]"));
    }
    FractionalPercent fraction =
        m.hasRuntimeFraction()
            ? Values.runtimeFraction(m.getRuntimeFraction(), path + ".runtime_fraction")
            : null;
    return new RouteMatch(
        pathMatch,
        !m.hasCaseSensitive() || m.getCaseSensitive().getValue(),
        Matchers.headers(m.getHeadersList(), path + ".headers"),
        query,
        fraction,
        m.hasGrpc());
  }

  private static String separatedPrefix(String prefix, String path) {
    // Envoy's rule: starts with '/', holds no '?' or '#', does not end with '/'.
    if (!prefix.startsWith("/")
        || prefix.indexOf('?') >= 0
        || prefix.indexOf('#') >= 0
        || (prefix.length() > 1 && prefix.endsWith("/"))
        || prefix.equals("/")) {
      throw new Invalid(
          path,
          "must start with '/', must not end with '/' and must not contain '?' or '#': \""
              + prefix
              + "\"");
    }
    return prefix;
  }

  private static io.inmesh.model.QueryParameterMatcher queryParameter(
      QueryParameterMatcher q, String path) {
    String name = Matchers.nonEmpty(q.getName(), path + ".name");
    return switch (q.getQueryParameterMatchSpecifierCase()) {
      case STRING_MATCH ->
          new io.inmesh.model.QueryParameterMatcher(
              name, Matchers.string(q.getStringMatch(), path + ".string_match"));
      case PRESENT_MATCH -> {
        if (!q.getPresentMatch()) {
          throw new Invalid(path + ".present_match", "only present_match: true is supported");
        }
        yield new io.inmesh.model.QueryParameterMatcher(name, null);
      }
      // Envoy: with no specifier the parameter only has to be present.
      case QUERYPARAMETERMATCHSPECIFIER_NOT_SET ->
          new io.inmesh.model.QueryParameterMatcher(name, null);
    };
  }
}
