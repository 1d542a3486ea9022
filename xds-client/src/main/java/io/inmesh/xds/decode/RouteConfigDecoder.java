package io.inmesh.xds.decode;

final class RouteConfigDecoder {
  private RouteConfigDecoder() {}

  static DecodedResource decode(io.envoyproxy.envoy.config.route.v3.RouteConfiguration resource) {
    throw new Invalid("", "decoder not implemented yet");
  }
}
