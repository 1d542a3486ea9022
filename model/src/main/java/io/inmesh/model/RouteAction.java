package io.inmesh.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a matched {@link Route} does: forward to a cluster, redirect, or reply directly. */
public sealed interface RouteAction {

  /**
   * {@code route}: forward to a cluster.
   *
   * @param target which cluster(s)
   * @param prefixRewrite replaces the matched prefix, or null
   * @param regexRewrite rewrites the path, or null
   * @param hostRewriteLiteral the {@code Host}/{@code :authority} to send, or null
   * @param autoHostRewrite send the chosen endpoint's hostname as the authority
   * @param timeout route timeout; null: Envoy's default 15 s; zero: disabled
   * @param retryPolicy overrides the virtual host's policy when set
   * @param mirrors shadow traffic, fire-and-forget
   * @param hashPolicies for RING_HASH / MAGLEV clusters
   * @param maxStreamDuration per-route stream limits, or null
   */
  record Forward(
      ClusterTarget target,
      String prefixRewrite,
      RegexRewrite regexRewrite,
      String hostRewriteLiteral,
      boolean autoHostRewrite,
      Duration timeout,
      RetryPolicy retryPolicy,
      List<RequestMirrorPolicy> mirrors,
      List<HashPolicy> hashPolicies,
      MaxStreamDuration maxStreamDuration)
      implements RouteAction {
    public Forward {
      Objects.requireNonNull(target, "target");
      mirrors = Immutables.list(mirrors);
      hashPolicies = Immutables.list(hashPolicies);
    }

    /** A plain forward to one cluster with every option at Envoy's default. */
    public static Forward to(String cluster) {
      return new Forward(
          new ClusterTarget.Single(cluster), null, null, null, false, null, null, null, null, null);
    }
  }

  /**
   * {@code redirect}: reply with a redirect built from the request. Null parts keep the request's.
   *
   * @param responseCode 301 (Envoy default), 302, 303, 307 or 308
   */
  record Redirect(
      String scheme,
      String host,
      Integer port,
      String path,
      String prefixRewrite,
      int responseCode,
      boolean stripQuery)
      implements RouteAction {}

  /** {@code direct_response}: reply with this status and body (body may be null). */
  record DirectResponse(int status, String body) implements RouteAction {}

  /** Which cluster a forward goes to. */
  sealed interface ClusterTarget {
    /** {@code cluster}. */
    record Single(String cluster) implements ClusterTarget {
      public Single {
        Objects.requireNonNull(cluster, "cluster");
      }
    }

    /** {@code cluster_header}: the cluster named by a request header. */
    record FromHeader(String header) implements ClusterTarget {}

    /**
     * {@code weighted_clusters}: a split by weight. {@code totalWeight} is the sum of the weights
     * (the legacy {@code total_weight} field is validated against it by decoders).
     */
    record Weighted(List<WeightedCluster> clusters, long totalWeight) implements ClusterTarget {
      public Weighted {
        clusters = Immutables.list(clusters);
      }
    }
  }

  /**
   * One branch of a weighted split.
   *
   * @param perFilterConfig overrides for this branch, by filter name
   */
  record WeightedCluster(
      String name, int weight, HeaderMutations headers, Map<String, FilterConfig> perFilterConfig) {
    public WeightedCluster {
      Objects.requireNonNull(name, "name");
      headers = headers == null ? HeaderMutations.NONE : headers;
      perFilterConfig = Immutables.map(perFilterConfig);
    }
  }

  /** {@code regex_rewrite}: RE2 pattern and substitution (with {@code \1} style groups). */
  record RegexRewrite(String pattern, String substitution) {}

  /**
   * {@code request_mirror_policies} entry.
   *
   * @param fraction share of requests mirrored; null: all
   */
  record RequestMirrorPolicy(String cluster, FractionalPercent fraction) {}

  /**
   * {@code max_stream_duration}: {@code grpcTimeoutHeaderMax} caps the {@code grpc-timeout} header
   * when set (zero: no cap); {@code grpcTimeoutHeaderOffset} is subtracted from it.
   */
  record MaxStreamDuration(
      Duration maxStreamDuration,
      Duration grpcTimeoutHeaderMax,
      Duration grpcTimeoutHeaderOffset) {}
}
