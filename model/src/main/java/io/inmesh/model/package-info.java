/**
 * The mesh model: an immutable, validated picture of the xDS resources that matter to a client-side
 * mesh (Listener, RouteConfiguration, Cluster, ClusterLoadAssignment), in the mesh's own words and
 * with Envoy's semantics and defaults.
 *
 * <p>It is the contract between the sources of configuration ({@code xds-client}: ADS and local
 * files) and the {@code engine}, and so carries no protobuf type. Every type here is deeply
 * immutable: lists and maps are copied on construction, so a {@link io.inmesh.model.MeshSnapshot}
 * can be shared between threads and swapped atomically without locks.
 *
 * <p>Conventions: a {@code null} object field means "not set in the resource" (the engine applies
 * Envoy's default); a {@link java.time.Duration} of zero where Envoy says "0 disables" keeps that
 * meaning. Enum-like protobuf values are Java enums; extension configs the mesh does not understand
 * are kept by name only ({@link io.inmesh.model.FilterConfig.Other}).
 */
package io.inmesh.model;
