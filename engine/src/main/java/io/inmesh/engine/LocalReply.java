package io.inmesh.engine;

import io.inmesh.model.HeaderValueOption;
import java.util.List;
import java.util.Objects;

/**
 * A response the adapter gives the app instead of (or after) calling upstream, as a sidecar Envoy
 * would have answered.
 *
 * @param status the HTTP status; 200 for gRPC replies that carry {@link #grpcStatus}
 * @param grpcStatus the gRPC status code for gRPC calls (sent as {@code grpc-status} in a
 *     trailers-only response), or -1 when the reply is plain HTTP
 * @param headers response headers to send, in order
 * @param body the body text, or null for none
 * @param reason why, in Envoy's words (its response flag / details), for logs and metrics
 */
public record LocalReply(
    int status, int grpcStatus, List<HeaderValueOption> headers, String body, Reason reason) {
  public LocalReply {
    headers = headers == null ? List.of() : List.copyOf(headers);
    Objects.requireNonNull(reason, "reason");
  }

  /** Why a call was answered locally. */
  public enum Reason {
    /** Envoy NR: no virtual host or route matched. */
    NO_ROUTE,
    /** Envoy NC: the cluster named by the route does not exist. */
    NO_CLUSTER,
    /** Envoy UH: the cluster has no healthy endpoint. */
    NO_HEALTHY_UPSTREAM,
    /** Envoy UO: a circuit-breaker threshold overflowed. */
    OVERFLOW,
    /** Envoy UT: the route timeout expired. */
    ROUTE_TIMEOUT,
    /** Envoy UF / UR: the last attempt failed to connect or was reset. */
    UPSTREAM_FAILURE,
    /** Envoy FI: the fault filter aborted the call. */
    FAULT_ABORT,
    /** Envoy RL: the local rate limit refused the call. */
    RATE_LIMITED,
    /** A {@code direct_response} route. */
    DIRECT_RESPONSE,
    /** A {@code redirect} route; the {@code location} header is set. */
    REDIRECT
  }

  static final HeaderValueOption OVERLOADED =
      new HeaderValueOption("x-envoy-overloaded", "true", false, false);

  static final LocalReply NO_ROUTE_REPLY = new LocalReply(404, -1, null, null, Reason.NO_ROUTE);
  static final LocalReply NO_CLUSTER_REPLY = new LocalReply(503, -1, null, null, Reason.NO_CLUSTER);
  static final LocalReply NO_HEALTHY_REPLY =
      new LocalReply(503, -1, null, "no healthy upstream", Reason.NO_HEALTHY_UPSTREAM);
  static final LocalReply OVERFLOW_REPLY =
      new LocalReply(
          503,
          -1,
          List.of(OVERLOADED),
          "upstream connect error or disconnect/reset before headers. reset reason: overflow",
          Reason.OVERFLOW);
  static final LocalReply ROUTE_TIMEOUT_REPLY =
      new LocalReply(504, -1, null, "upstream request timeout", Reason.ROUTE_TIMEOUT);
  static final LocalReply UPSTREAM_FAILURE_REPLY =
      new LocalReply(
          503,
          -1,
          null,
          "upstream connect error or disconnect/reset before headers",
          Reason.UPSTREAM_FAILURE);

  /** The {@code location} header of a redirect, or null. */
  public String location() {
    for (HeaderValueOption h : headers) {
      if (h.name().equals("location")) {
        return h.value();
      }
    }
    return null;
  }
}
