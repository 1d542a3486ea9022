package io.inmesh.instrumentation.okhttp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.Dns;

/**
 * A {@code Dns} that answers any name with one endpoint's addresses, named after the logical host.
 * Equal by endpoint, because OkHttp's {@code Address} equality (and so its connection pool)
 * includes the {@code Dns}: connections are shared per endpoint, never across endpoints.
 */
final class EndpointDns implements Dns {
  private final String endpoint;
  private final int port;
  private final byte[] literal;

  EndpointDns(String endpoint, int port) throws UnknownHostException {
    this.endpoint = endpoint;
    this.port = port;
    // An IP literal parses without a lookup; a DNS cluster's endpoint name is resolved per lookup.
    this.literal = isLiteral(endpoint) ? InetAddress.getByName(endpoint).getAddress() : null;
  }

  private static boolean isLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return !host.isEmpty();
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    if (literal != null) {
      return Collections.singletonList(InetAddress.getByAddress(hostname, literal));
    }
    InetAddress[] all = InetAddress.getAllByName(endpoint);
    List<InetAddress> out = new ArrayList<>(all.length);
    for (InetAddress a : all) {
      out.add(InetAddress.getByAddress(hostname, a.getAddress()));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EndpointDns
        && ((EndpointDns) o).port == port
        && ((EndpointDns) o).endpoint.equals(endpoint);
  }

  @Override
  public int hashCode() {
    return endpoint.hashCode() * 31 + port;
  }

  @Override
  public String toString() {
    return "mesh endpoint " + endpoint + ":" + port;
  }
}
