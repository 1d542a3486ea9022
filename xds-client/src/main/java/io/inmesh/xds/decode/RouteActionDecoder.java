package io.inmesh.xds.decode;

import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.RedirectAction;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HashPolicy;
import io.inmesh.model.RouteAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The three route actions: forward ({@code route}), {@code redirect}, {@code direct_response}. */
final class RouteActionDecoder {
  private RouteActionDecoder() {}

  static RouteAction.Forward forward(
      io.envoyproxy.envoy.config.route.v3.RouteAction a, String path) {
    RouteAction.ClusterTarget target =
        switch (a.getClusterSpecifierCase()) {
          case CLUSTER ->
              new RouteAction.ClusterTarget.Single(
                  Matchers.nonEmpty(a.getCluster(), path + ".cluster"));
          case CLUSTER_HEADER ->
              new RouteAction.ClusterTarget.FromHeader(
                  Matchers.nonEmpty(a.getClusterHeader(), path + ".cluster_header")
                      .toLowerCase(Locale.ROOT));
          case WEIGHTED_CLUSTERS -> weighted(a.getWeightedClusters(), path + ".weighted_clusters");
          case CLUSTER_SPECIFIER_PLUGIN, INLINE_CLUSTER_SPECIFIER_PLUGIN ->
              throw new Invalid(path, "cluster specifier plugins are not supported");
          case CLUSTERSPECIFIER_NOT_SET ->
              throw new Invalid(
                  path, "one of cluster, cluster_header, weighted_clusters is required");
        };
    String prefixRewrite = a.getPrefixRewrite().isEmpty() ? null : a.getPrefixRewrite();
    RouteAction.RegexRewrite regexRewrite = null;
    if (a.hasRegexRewrite()) {
      if (prefixRewrite != null) {
        throw new Invalid(path, "prefix_rewrite and regex_rewrite are mutually exclusive");
      }
      String p = path + ".regex_rewrite";
      regexRewrite =
          new RouteAction.RegexRewrite(
              Matchers.regex(a.getRegexRewrite().getPattern(), p + ".pattern"),
              a.getRegexRewrite().getSubstitution());
    }
    if (a.hasPathRewritePolicy()) {
      throw new Invalid(path + ".path_rewrite_policy", "path rewrite extensions are not supported");
    }
    String hostLiteral = null;
    boolean autoHost = false;
    switch (a.getHostRewriteSpecifierCase()) {
      case HOST_REWRITE_LITERAL -> hostLiteral = a.getHostRewriteLiteral();
      case AUTO_HOST_REWRITE -> autoHost = a.getAutoHostRewrite().getValue();
      case HOST_REWRITE_HEADER, HOST_REWRITE_PATH_REGEX ->
          throw new Invalid(
              path + "." + a.getHostRewriteSpecifierCase().name().toLowerCase(Locale.ROOT),
              "not supported; use host_rewrite_literal or auto_host_rewrite");
      case HOSTREWRITESPECIFIER_NOT_SET -> {}
    }
    Duration timeout = a.hasTimeout() ? Values.duration(a.getTimeout(), path + ".timeout") : null;
    return new RouteAction.Forward(
        target,
        prefixRewrite,
        regexRewrite,
        hostLiteral,
        autoHost,
        timeout,
        a.hasRetryPolicy()
            ? RetryPolicyDecoder.retryPolicy(a.getRetryPolicy(), path + ".retry_policy")
            : null,
        mirrors(a, path),
        hashPolicies(a, path),
        a.hasMaxStreamDuration() ? maxStreamDuration(a.getMaxStreamDuration(), path) : null);
  }

  private static RouteAction.ClusterTarget.Weighted weighted(WeightedCluster w, String path) {
    if (w.getClustersCount() == 0) {
      throw new Invalid(path + ".clusters", "at least one cluster is required");
    }
    List<RouteAction.WeightedCluster> clusters = new ArrayList<>(w.getClustersCount());
    long sum = 0;
    for (int i = 0; i < w.getClustersCount(); i++) {
      WeightedCluster.ClusterWeight c = w.getClusters(i);
      String p = path + ".clusters[" + i + "]";
      if (!c.getClusterHeader().isEmpty()) {
        throw new Invalid(p + ".cluster_header", "not supported in a weighted cluster");
      }
      String name = Matchers.nonEmpty(c.getName(), p + ".name");
      long weight = c.hasWeight() ? Integer.toUnsignedLong(c.getWeight().getValue()) : 0;
      if (weight > Integer.MAX_VALUE) {
        throw new Invalid(p + ".weight", "too large: " + weight);
      }
      sum += weight;
      clusters.add(
          new RouteAction.WeightedCluster(
              name,
              (int) weight,
              Values.headerMutations(
                  c.getRequestHeadersToAddList(), c.getRequestHeadersToRemoveList(), p + "."),
              HttpFilterDecoder.perRoute(c.getTypedPerFilterConfigMap(), p + ".")));
    }
    if (sum == 0) {
      throw new Invalid(path, "the sum of the cluster weights must be greater than 0");
    }
    if (sum > 0xFFFF_FFFFL) {
      throw new Invalid(path, "the sum of the cluster weights must fit in 32 bits, got " + sum);
    }
    if (w.hasTotalWeight() && Integer.toUnsignedLong(w.getTotalWeight().getValue()) != sum) {
      throw new Invalid(
          path + ".total_weight",
          "is "
              + Integer.toUnsignedString(w.getTotalWeight().getValue())
              + " but the cluster weights sum to "
              + sum);
    }
    if (!w.getHeaderName().isEmpty()) {
      throw new Invalid(path + ".header_name", "picking the cluster by header is not supported");
    }
    return new RouteAction.ClusterTarget.Weighted(clusters, sum);
  }

  private static List<RouteAction.RequestMirrorPolicy> mirrors(
      io.envoyproxy.envoy.config.route.v3.RouteAction a, String path) {
    List<RouteAction.RequestMirrorPolicy> out = new ArrayList<>();
    for (int i = 0; i < a.getRequestMirrorPoliciesCount(); i++) {
      var m = a.getRequestMirrorPolicies(i);
      String p = path + ".request_mirror_policies[" + i + "]";
      if (m.getCluster().isEmpty()) {
        throw new Invalid(p + ".cluster", "must not be empty (cluster_header is not supported)");
      }
      FractionalPercent fraction =
          m.hasRuntimeFraction()
              ? Values.runtimeFraction(m.getRuntimeFraction(), p + ".runtime_fraction")
              : null;
      out.add(new RouteAction.RequestMirrorPolicy(m.getCluster(), fraction));
    }
    return out;
  }

  private static List<HashPolicy> hashPolicies(
      io.envoyproxy.envoy.config.route.v3.RouteAction a, String path) {
    List<HashPolicy> out = new ArrayList<>();
    for (int i = 0; i < a.getHashPolicyCount(); i++) {
      var h = a.getHashPolicy(i);
      String p = path + ".hash_policy[" + i + "]";
      boolean terminal = h.getTerminal();
      out.add(
          switch (h.getPolicySpecifierCase()) {
            case HEADER ->
                new HashPolicy.Header(
                    Matchers.nonEmpty(h.getHeader().getHeaderName(), p + ".header.header_name")
                        .toLowerCase(Locale.ROOT),
                    terminal);
            case COOKIE ->
                new HashPolicy.Cookie(
                    Matchers.nonEmpty(h.getCookie().getName(), p + ".cookie.name"),
                    h.getCookie().hasTtl()
                        ? Values.duration(h.getCookie().getTtl(), p + ".cookie.ttl")
                        : null,
                    h.getCookie().getPath().isEmpty() ? null : h.getCookie().getPath(),
                    terminal);
            case CONNECTION_PROPERTIES ->
                h.getConnectionProperties().getSourceIp()
                    ? new HashPolicy.SourceIp(terminal)
                    : new HashPolicy.FilterState("", terminal);
            case QUERY_PARAMETER ->
                new HashPolicy.QueryParameter(
                    Matchers.nonEmpty(h.getQueryParameter().getName(), p + ".query_parameter.name"),
                    terminal);
            case FILTER_STATE ->
                new HashPolicy.FilterState(
                    Matchers.nonEmpty(h.getFilterState().getKey(), p + ".filter_state.key"),
                    terminal);
            case POLICYSPECIFIER_NOT_SET -> throw new Invalid(p, "a hash policy kind is required");
          });
    }
    return out;
  }

  private static RouteAction.MaxStreamDuration maxStreamDuration(
      io.envoyproxy.envoy.config.route.v3.RouteAction.MaxStreamDuration m, String path) {
    String p = path + ".max_stream_duration";
    return new RouteAction.MaxStreamDuration(
        m.hasMaxStreamDuration()
            ? Values.duration(m.getMaxStreamDuration(), p + ".max_stream_duration")
            : null,
        m.hasGrpcTimeoutHeaderMax()
            ? Values.duration(m.getGrpcTimeoutHeaderMax(), p + ".grpc_timeout_header_max")
            : null,
        m.hasGrpcTimeoutHeaderOffset()
            ? Values.duration(m.getGrpcTimeoutHeaderOffset(), p + ".grpc_timeout_header_offset")
            : null);
  }

  static RouteAction.Redirect redirect(RedirectAction r, String path) {
    String scheme =
        switch (r.getSchemeRewriteSpecifierCase()) {
          case HTTPS_REDIRECT -> r.getHttpsRedirect() ? "https" : null;
          case SCHEME_REDIRECT -> r.getSchemeRedirect().toLowerCase(Locale.ROOT);
          case SCHEMEREWRITESPECIFIER_NOT_SET -> null;
        };
    String pathRedirect = null;
    String prefixRewrite = null;
    switch (r.getPathRewriteSpecifierCase()) {
      case PATH_REDIRECT -> pathRedirect = r.getPathRedirect();
      case PREFIX_REWRITE -> prefixRewrite = r.getPrefixRewrite();
      case REGEX_REWRITE ->
          throw new Invalid(
              path + ".regex_rewrite", "regex rewrites in redirects are not supported");
      case PATHREWRITESPECIFIER_NOT_SET -> {}
    }
    int code =
        switch (r.getResponseCode()) {
          case MOVED_PERMANENTLY -> 301;
          case FOUND -> 302;
          case SEE_OTHER -> 303;
          case TEMPORARY_REDIRECT -> 307;
          case PERMANENT_REDIRECT -> 308;
          default ->
              throw new Invalid(
                  path + ".response_code", "unknown value " + r.getResponseCodeValue());
        };
    return new RouteAction.Redirect(
        scheme,
        r.getHostRedirect().isEmpty() ? null : r.getHostRedirect(),
        r.getPortRedirect() == 0 ? null : r.getPortRedirect(),
        pathRedirect,
        prefixRewrite,
        code,
        r.getStripQuery());
  }

  static RouteAction.DirectResponse directResponse(DirectResponseAction d, String path) {
    int status = d.getStatus();
    if (status < 200 || status >= 600) {
      throw new Invalid(path + ".status", "must be in [200, 600), got " + status);
    }
    String body = null;
    if (d.hasBody()) {
      var b = d.getBody();
      body =
          switch (b.getSpecifierCase()) {
            case INLINE_STRING -> b.getInlineString();
            case INLINE_BYTES -> b.getInlineBytes().toString(StandardCharsets.UTF_8);
            case SPECIFIER_NOT_SET -> null;
            default ->
                throw new Invalid(
                    path + ".body",
                    "only inline_string and inline_bytes bodies are supported, got "
                        + b.getSpecifierCase().name().toLowerCase(Locale.ROOT));
          };
    }
    return new RouteAction.DirectResponse(status, body);
  }
}
