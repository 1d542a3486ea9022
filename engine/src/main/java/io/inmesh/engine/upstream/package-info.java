/**
 * The upstream side of the engine: live state of every cluster of the current snapshot ({@link
 * io.inmesh.engine.upstream.Upstreams}), host selection with Envoy's load balancers, priorities,
 * localities and panic mode, Envoy's circuit-breaking thresholds, and outlier detection.
 *
 * <p>Thread-safety: everything public here is safe for concurrent use. The request path (pick,
 * acquire/release, attempt start/end) takes no lock; the rare state changes (an ejection or
 * un-ejection, an interval evaluation) take a per-cluster lock and publish a new immutable
 * host-selection state.
 */
package io.inmesh.engine.upstream;
