package io.inmesh.instrumentation.okhttp;

/**
 * One endpoint as attempts reach it: the port that stands for it in attempt URLs, the {@code Dns}
 * that answers its IP and the sockets that connect to its real address.
 */
final class SteeredEndpoint {
  final int port;
  final EndpointDns dns;
  final EndpointSocketFactory sockets;

  /** When an attempt last went to it: the table's least recently used entry makes room. */
  volatile long lastUsedNanos;

  SteeredEndpoint(int port, EndpointDns dns, EndpointSocketFactory sockets) {
    this.port = port;
    this.dns = dns;
    this.sockets = sockets;
  }
}
