package io.inmesh.model;

import java.time.Duration;
import java.util.List;

/**
 * {@code envoy.extensions.filters.http.fault.v3.HTTPFault}.
 *
 * @param delay null when no delay is configured
 * @param abort null when no abort is configured
 * @param upstreamCluster only calls to this cluster are faulted (null: any)
 * @param downstreamNodes only calls from these service nodes ({@code
 *     x-envoy-downstream-service-node})
 * @param headers every matcher must match the request for a fault to apply
 * @param maxActiveFaults null: unlimited
 */
public record FaultConfig(
    Delay delay,
    Abort abort,
    String upstreamCluster,
    List<String> downstreamNodes,
    List<HeaderMatcher> headers,
    Integer maxActiveFaults)
    implements FilterConfig {
  public FaultConfig {
    downstreamNodes = Immutables.list(downstreamNodes);
    headers = Immutables.list(headers);
  }

  /**
   * A delay before the call proceeds.
   *
   * @param fixedDelay null when {@code headerControlled} (taken from {@code
   *     x-envoy-fault-delay-request})
   * @param percentage the share of calls delayed
   */
  public record Delay(
      Duration fixedDelay, boolean headerControlled, FractionalPercent percentage) {}

  /**
   * A local reply instead of the call.
   *
   * @param httpStatus the status to reply with, or null
   * @param grpcStatus the gRPC status code to reply with, or null
   * @param headerControlled the status comes from {@code x-envoy-fault-abort-request} / {@code
   *     x-envoy-fault-abort-grpc-request}
   * @param percentage the share of calls aborted
   */
  public record Abort(
      Integer httpStatus,
      Integer grpcStatus,
      boolean headerControlled,
      FractionalPercent percentage) {}
}
