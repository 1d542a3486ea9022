package io.inmesh.agent.config;

/** A {@code host:port} address ({@code [v6]:port} for IPv6 literals); not resolved. */
public record HostPort(String host, int port) {
  /** Parses {@code host:port}; null when malformed. */
  public static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null;
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      return null; // a bare IPv6 literal is ambiguous
    }
    if (host.isEmpty() || !host.matches("[A-Za-z0-9._:\\-]+")) {
      return null;
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    return port >= 1 && port <= 65535 ? new HostPort(host, port) : null;
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ':' + port;
  }
}
