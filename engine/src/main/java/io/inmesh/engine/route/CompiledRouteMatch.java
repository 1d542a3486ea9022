package io.inmesh.engine.route;

import com.google.re2j.Pattern;
import io.inmesh.engine.OutboundRequest;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.PathMatch;
import io.inmesh.model.RouteMatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@code RouteMatch} compiled once per snapshot. All conditions must hold; the cheap ones (path)
 * are tested first. {@code case_sensitive} applies to prefix, exact and separated-prefix paths, not
 * to regexes (as in Envoy).
 */
public final class CompiledRouteMatch {
  private static final int PREFIX = 0;
  private static final int EXACT = 1;
  private static final int REGEX = 2;
  private static final int SEPARATED = 3;

  private final int pathKind;
  private final String pathValue;
  private final Pattern regex;
  private final String regexLiteral;
  private final boolean ignoreCase;
  private final CompiledHeaderMatcher[] headers;
  private final CompiledQueryMatcher[] queries;
  private final long runtimePerMillion;
  private final boolean grpcOnly;

  public CompiledRouteMatch(RouteMatch m) {
    PathMatch p = m.path();
    this.pathValue = p.value();
    this.ignoreCase = !m.caseSensitive();
    this.regexLiteral = p instanceof PathMatch.Regex ? Regexes.literalPrefix(p.value()) : "";
    if (p instanceof PathMatch.Prefix) {
      pathKind = PREFIX;
      regex = null;
    } else if (p instanceof PathMatch.Exact) {
      pathKind = EXACT;
      regex = null;
    } else if (p instanceof PathMatch.Regex) {
      pathKind = REGEX;
      regex = Regexes.compile(p.value());
    } else {
      pathKind = SEPARATED;
      regex = null;
    }
    this.headers = CompiledHeaderMatcher.all(m.headers());
    this.queries = CompiledQueryMatcher.all(m.queryParameters());
    FractionalPercent f = m.runtimeFraction();
    this.runtimePerMillion = f == null ? 1_000_000 : f.perMillion();
    this.grpcOnly = m.grpcOnly();
  }

  /** Whether this route matches; {@code runtime_fraction} draws a fresh random number per call. */
  public boolean matches(OutboundRequest request) {
    if (!pathMatches(request.path())) {
      return false;
    }
    if (grpcOnly && !isGrpc(request)) {
      return false;
    }
    if (!CompiledHeaderMatcher.allMatch(headers, request)) {
      return false;
    }
    if (queries.length > 0) {
      String query = request.query();
      for (CompiledQueryMatcher q : queries) {
        if (!q.matches(query)) {
          return false;
        }
      }
    }
    return runtimePerMillion >= 1_000_000
        || ThreadLocalRandom.current().nextLong(1_000_000) < runtimePerMillion;
  }

  /** The length of the path prefix this route matched (for {@code prefix_rewrite}). */
  int matchedPrefixLength() {
    return pathKind == REGEX ? -1 : pathValue.length();
  }

  /**
   * A literal that every path this route matches starts with ({@code ""} when none is known, e.g. a
   * case-insensitive route or a regex without a literal start); the route index's key.
   */
  String requiredPathPrefix() {
    if (ignoreCase) {
      return "";
    }
    return pathKind == REGEX ? regexLiteral : pathValue;
  }

  /**
   * Whether a matching path ends right after {@link #requiredPathPrefix()} or continues with {@code
   * /} (exact and separated-prefix paths): then a literal {@code /seg} fixes the whole first
   * segment, not only its start.
   */
  boolean prefixEndsSegment() {
    return !ignoreCase && (pathKind == EXACT || pathKind == SEPARATED);
  }

  boolean pathMatches(String path) {
    return switch (pathKind) {
      case PREFIX -> path.regionMatches(ignoreCase, 0, pathValue, 0, pathValue.length());
      case EXACT -> ignoreCase ? path.equalsIgnoreCase(pathValue) : path.equals(pathValue);
      case REGEX -> path.startsWith(regexLiteral) && regex.matches(path);
      default ->
          path.regionMatches(ignoreCase, 0, pathValue, 0, pathValue.length())
              && (path.length() == pathValue.length() || path.charAt(pathValue.length()) == '/');
    };
  }

  /** Envoy's gRPC request test: {@code content-type} starts with {@code application/grpc}. */
  public static boolean isGrpc(OutboundRequest request) {
    String ct = request.headers().get("content-type");
    return ct != null && ct.startsWith("application/grpc");
  }
}
