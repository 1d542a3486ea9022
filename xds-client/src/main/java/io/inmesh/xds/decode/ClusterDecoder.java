package io.inmesh.xds.decode;

final class ClusterDecoder {
  private ClusterDecoder() {}

  static DecodedResource decode(io.envoyproxy.envoy.config.cluster.v3.Cluster resource) {
    throw new Invalid("", "decoder not implemented yet");
  }
}
