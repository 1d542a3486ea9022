package io.inmesh.instrumentation.okhttp;

/** The endpoint of the attempt running on this thread, for the logical {@code host:port}. */
final class SteeredEndpoint {
  final String host;
  final int port;
  final EndpointDns dns;
  final EndpointSocketFactory sockets;

  SteeredEndpoint(String host, int port, EndpointDns dns, EndpointSocketFactory sockets) {
    this.host = host;
    this.port = port;
    this.dns = dns;
    this.sockets = sockets;
  }
}
