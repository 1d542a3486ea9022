package io.inmesh.engine.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks a virtual host by the request's authority with Envoy's precedence: exact domain, then the
 * longest {@code *suffix} wildcard, then the longest {@code prefix*} wildcard, then {@code *}.
 * Wildcards never match the empty string. Matching is case-insensitive.
 *
 * <p>Ports: Envoy matches the {@code Host} value as sent, port included (unless {@code
 * strip_any_host_port} / {@code ignore_port_in_host_matching} is set, which the model does not
 * carry). A proxyless client cannot know which of these its control plane relied on, so: the
 * authority is first matched as sent (exact and wildcard domains); if nothing but {@code *} would
 * match and it carries a port, the port-less host is tried before falling back to {@code *}. This
 * gives Envoy's answer whenever Envoy finds a specific domain, and otherwise what Envoy would do
 * with port stripping on — the behaviour of a sidecar whose listener port is the called port.
 */
public final class VirtualHostIndex {
  private record Wildcard(String part, VirtualHostEntry vhost) {}

  private final Map<String, VirtualHostEntry> exact;
  private final Wildcard[] suffixes;
  private final Wildcard[] prefixes;
  private final VirtualHostEntry any;

  private VirtualHostIndex(
      Map<String, VirtualHostEntry> exact,
      Wildcard[] suffixes,
      Wildcard[] prefixes,
      VirtualHostEntry any) {
    this.exact = exact;
    this.suffixes = suffixes;
    this.prefixes = prefixes;
    this.any = any;
  }

  /** Collects domains; the first virtual host to claim a domain keeps it. */
  static final class Builder {
    private final Map<String, VirtualHostEntry> exact = new HashMap<>();
    private final Map<String, VirtualHostEntry> suffixes = new HashMap<>();
    private final Map<String, VirtualHostEntry> prefixes = new HashMap<>();
    private VirtualHostEntry any;

    void add(String rawDomain, VirtualHostEntry vhost) {
      String d = rawDomain.toLowerCase(Locale.ROOT);
      if (d.equals("*")) {
        if (any == null) {
          any = vhost;
        }
      } else if (d.startsWith("*")) {
        suffixes.putIfAbsent(d.substring(1), vhost);
      } else if (d.endsWith("*")) {
        prefixes.putIfAbsent(d.substring(0, d.length() - 1), vhost);
      } else {
        exact.putIfAbsent(d, vhost);
      }
    }

    VirtualHostIndex build() {
      return new VirtualHostIndex(Map.copyOf(exact), sorted(suffixes), sorted(prefixes), any);
    }

    private static Wildcard[] sorted(Map<String, VirtualHostEntry> parts) {
      List<Wildcard> list = new ArrayList<>();
      parts.forEach((p, v) -> list.add(new Wildcard(p, v)));
      list.sort(Comparator.comparingInt((Wildcard w) -> w.part.length()).reversed());
      return list.toArray(new Wildcard[0]);
    }
  }

  /**
   * The virtual host for {@code authority}; {@code hostOnly} is the same authority without its port
   * when the caller has that string already (saves an allocation), or null.
   */
  public VirtualHostEntry find(String authority, String hostOnly) {
    String a = lower(authority);
    VirtualHostEntry v = specific(a);
    if (v != null) {
      return v;
    }
    int colon = RouteEntry.portColon(a);
    if (colon > 0) {
      String h =
          hostOnly != null && hostOnly.length() == colon && a.startsWith(hostOnly)
              ? hostOnly
              : lower(a.substring(0, colon));
      v = specific(h);
      if (v != null) {
        return v;
      }
    }
    return any;
  }

  private VirtualHostEntry specific(String host) {
    VirtualHostEntry v = exact.get(host);
    if (v != null) {
      return v;
    }
    int len = host.length();
    for (Wildcard w : suffixes) {
      if (len > w.part.length() && host.endsWith(w.part)) {
        return w.vhost;
      }
    }
    for (Wildcard w : prefixes) {
      if (len > w.part.length() && host.startsWith(w.part)) {
        return w.vhost;
      }
    }
    return null;
  }

  private static String lower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }
}
