package io.inmesh.bootstrap;

import java.net.InetAddress;

/**
 * The implementation slot of {@link DnsBridge}: answers host names the mesh knows. JDK types only
 * (the bootstrap loader sees nothing else).
 */
public interface DnsResolver {
  /**
   * The addresses for {@code host}, or null to resolve it exactly as without the agent. Never
   * throws for a name the mesh does not know.
   */
  InetAddress[] resolve(String host);
}
