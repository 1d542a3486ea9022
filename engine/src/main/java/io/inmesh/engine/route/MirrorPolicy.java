package io.inmesh.engine.route;

/**
 * One {@code request_mirror_policies} entry resolved against the snapshot.
 *
 * @param branch the shadow cluster (its upstream may be null when the cluster is unknown)
 * @param perMillion the share of calls mirrored
 */
public record MirrorPolicy(ClusterBranch branch, long perMillion) {}
