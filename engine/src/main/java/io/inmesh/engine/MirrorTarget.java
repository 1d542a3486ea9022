package io.inmesh.engine;

import io.inmesh.model.SocketAddress;

/**
 * A shadow copy the adapter may send, fire-and-forget, after (or alongside) the main call: to
 * {@link #endpoint} with {@link #authority} (the app's authority with {@code -shadow} appended to
 * the host, as Envoy does). Its outcome is ignored and never affects the main call.
 */
public record MirrorTarget(String cluster, SocketAddress endpoint, String authority) {}
