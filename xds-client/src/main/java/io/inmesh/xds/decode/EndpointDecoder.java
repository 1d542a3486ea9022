package io.inmesh.xds.decode;

final class EndpointDecoder {
  private EndpointDecoder() {}

  static DecodedResource decode(
      io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment resource) {
    throw new Invalid("", "decoder not implemented yet");
  }
}
