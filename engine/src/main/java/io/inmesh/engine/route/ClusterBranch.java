package io.inmesh.engine.route;

import io.inmesh.engine.telemetry.RouteMetrics;
import io.inmesh.engine.upstream.PickContext;
import io.inmesh.engine.upstream.UpstreamCluster;

/**
 * Where a matched route sends a call: one cluster (a route's only one, a weighted branch, or one a
 * {@code cluster_header} named) with everything resolved for it at compile time, so the request
 * path only follows references.
 *
 * @param route the route this target belongs to
 * @param cluster the cluster name
 * @param upstream the cluster's live state, or null when the snapshot has no such cluster
 * @param headers the request header mutations of every level, in Envoy's order
 * @param filters the in-process HTTP filters (fault, local rate limit) in chain order, with the
 *     most specific {@code typed_per_filter_config} applied
 * @param metrics the (route, cluster) metrics handle
 * @param defaultPick the pick context for calls without a hash or excluded hosts
 */
public record ClusterBranch(
    RouteEntry route,
    String cluster,
    UpstreamCluster upstream,
    HeaderOps headers,
    FilterStep[] filters,
    RouteMetrics metrics,
    PickContext defaultPick) {}
