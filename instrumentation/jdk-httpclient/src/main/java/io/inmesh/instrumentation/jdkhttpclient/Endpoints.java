package io.inmesh.instrumentation.jdkhttpclient;

import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.model.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Turns a mesh endpoint into the address java.net.http connects to. For {@code https} the address
 * carries the logical host as its name, so SNI, hostname verification and the HTTP/2 pool key stay
 * what the app addressed; for cleartext it carries the endpoint IP as its name, so two endpoints on
 * the same port get distinct HTTP/2 (h2c) connections.
 */
final class Endpoints {
  private Endpoints() {}

  static InetSocketAddress target(SocketAddress endpoint, String logicalHost, boolean secure)
      throws UnknownHostException {
    byte[] ip = ipv4(endpoint.host());
    if (ip == null) {
      ip = resolve(endpoint.host());
    }
    InetAddress address =
        secure ? InetAddress.getByAddress(logicalHost, ip) : InetAddress.getByAddress(ip);
    return new InetSocketAddress(address, endpoint.port());
  }

  /** IPv6 literals and DNS endpoints (STRICT_DNS clusters): the agent's own lookup, unsteered. */
  private static byte[] resolve(String host) throws UnknownHostException {
    AgentThreads.enterBypass();
    try {
      return InetAddress.getByName(host).getAddress();
    } finally {
      AgentThreads.exitBypass();
    }
  }

  /** Parses a dotted-quad IPv4 literal without any lookup, or returns null. */
  static byte[] ipv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else if (c == '.' && value >= 0 && part < 3) {
        out[part++] = (byte) value;
        value = -1;
      } else {
        return null;
      }
    }
    if (part != 3 || value < 0) {
      return null;
    }
    out[3] = (byte) value;
    return out;
  }
}
