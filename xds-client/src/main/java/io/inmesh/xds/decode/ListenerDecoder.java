package io.inmesh.xds.decode;

final class ListenerDecoder {
  private ListenerDecoder() {}

  static DecodedResource decode(io.envoyproxy.envoy.config.listener.v3.Listener resource) {
    throw new Invalid("", "decoder not implemented yet");
  }
}
