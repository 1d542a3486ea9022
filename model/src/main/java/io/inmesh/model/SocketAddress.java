package io.inmesh.model;

import java.util.Objects;

/**
 * A host (IP literal or DNS name) and a TCP port, as in Envoy's {@code SocketAddress}.
 *
 * @param host an IP literal or a DNS name, never null
 * @param port 0..65535
 */
public record SocketAddress(String host, int port) {
  public SocketAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** {@code host:port}, with IPv6 literals in brackets: the form used for listener names. */
  public String authority() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
