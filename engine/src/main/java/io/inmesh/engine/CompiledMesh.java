package io.inmesh.engine;

import io.inmesh.engine.route.RouteCompiler;
import io.inmesh.engine.route.RouteTable;
import io.inmesh.engine.route.SharedFilterState;
import io.inmesh.engine.telemetry.RouteMetrics;
import io.inmesh.engine.upstream.Upstreams;
import io.inmesh.model.Listener;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.RouteConfiguration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything the request path reads, built from one snapshot and published through one volatile
 * reference: listeners indexed by host then port (a lookup is one hash probe and a short array
 * scan, no allocation), compiled route tables, and the upstream state.
 */
final class CompiledMesh {
  static final CompiledMesh EMPTY =
      new CompiledMesh(MeshSnapshot.EMPTY, Upstreams.EMPTY, Map.of(), null);

  private record PortEntry(int port, ListenerEntry entry) {}

  final MeshSnapshot snapshot;
  final Upstreams upstreams;
  private final Map<String, PortEntry[]> byHost;
  final RouteMetrics unrouted;

  private CompiledMesh(
      MeshSnapshot snapshot,
      Upstreams upstreams,
      Map<String, PortEntry[]> byHost,
      RouteMetrics unrouted) {
    this.snapshot = snapshot;
    this.upstreams = upstreams;
    this.byHost = byHost;
    this.unrouted = unrouted;
  }

  /**
   * The entry for {@code host:port}: a listener, {@link ListenerEntry#ABSENT}, or null when the
   * name is unknown (not yet asked for).
   */
  ListenerEntry find(String host, int port) {
    PortEntry[] ports = byHost.get(host);
    if (ports == null) {
      String lower = lowerIfNeeded(host);
      if (lower == host || (ports = byHost.get(lower)) == null) {
        return null;
      }
    }
    for (PortEntry p : ports) {
      if (p.port == port) {
        return p.entry;
      }
    }
    return null;
  }

  /**
   * A port of some live listener named {@code host:<port>}, or -1: the DNS hook's question "is this
   * a mesh name" (a name resolves through the mesh whatever port the app will connect to). One hash
   * probe, no allocation for lower-case names.
   */
  int anyPort(String host) {
    PortEntry[] ports = byHost.get(host);
    if (ports == null) {
      String lower = lowerIfNeeded(host);
      if (lower == host || (ports = byHost.get(lower)) == null) {
        return -1;
      }
    }
    for (PortEntry p : ports) {
      if (!p.entry.absent()) {
        return p.port;
      }
    }
    return -1;
  }

  private static String lowerIfNeeded(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }

  static CompiledMesh compile(
      MeshSnapshot snapshot,
      CompiledMesh previous,
      EngineOptions options,
      SharedFilterState state) {
    Upstreams upstreams =
        Upstreams.build(
            snapshot, previous.upstreams, options.clock(), options.random(), options.metrics());
    Set<Object> used = new HashSet<>();
    RouteCompiler compiler =
        new RouteCompiler(
            upstreams,
            snapshot.clusters().keySet(),
            options.metrics(),
            state,
            used,
            options.sourceAddress());
    Map<String, Map<Integer, ListenerEntry>> index = new HashMap<>();
    for (String absent : snapshot.absentListeners()) {
      HostPort hp = HostPort.parse(absent);
      if (hp != null) {
        index.computeIfAbsent(hp.host(), k -> new HashMap<>()).put(hp.port(), ListenerEntry.ABSENT);
      }
    }
    for (Listener listener : snapshot.listeners().values()) {
      ListenerEntry entry = compileListener(snapshot, listener, upstreams, compiler);
      HostPort hp = HostPort.parse(listener.name());
      if (hp != null) {
        index.computeIfAbsent(hp.host(), k -> new HashMap<>()).put(hp.port(), entry);
      }
      if (listener.address() != null) {
        index
            .computeIfAbsent(
                listener.address().host().toLowerCase(Locale.ROOT), k -> new HashMap<>())
            .putIfAbsent(listener.address().port(), entry);
      }
    }
    RouteCompiler.retain(state, used);
    Map<String, PortEntry[]> byHost = new HashMap<>();
    index.forEach(
        (host, ports) -> {
          PortEntry[] arr = new PortEntry[ports.size()];
          int i = 0;
          for (Map.Entry<Integer, ListenerEntry> e : ports.entrySet()) {
            arr[i++] = new PortEntry(e.getKey(), e.getValue());
          }
          byHost.put(host, arr);
        });
    return new CompiledMesh(
        snapshot, upstreams, Map.copyOf(byHost), options.metrics().route("", ""));
  }

  private static ListenerEntry compileListener(
      MeshSnapshot snapshot, Listener listener, Upstreams upstreams, RouteCompiler compiler) {
    RouteTable routes = null;
    RouteConfiguration rc = snapshot.routesOf(listener);
    if (rc != null) {
      try {
        routes = compiler.compile(listener, rc);
      } catch (IllegalArgumentException e) {
        // Decoders reject bad regexes; should one slip through, the service passes through rather
        // than failing every call.
        return ListenerEntry.ABSENT;
      }
    }
    var tcp = listener.tcpCluster() == null ? null : upstreams.cluster(listener.tcpCluster());
    return new ListenerEntry(listener, routes, tcp);
  }

  /** A listener name split into host and port. */
  record HostPort(String host, int port) {
    static HostPort parse(String name) {
      int colon = name.lastIndexOf(':');
      if (colon <= 0 || colon == name.length() - 1) {
        return null;
      }
      String host = name.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        int port = Integer.parseInt(name.substring(colon + 1));
        return port < 0 || port > 65535 ? null : new HostPort(host.toLowerCase(Locale.ROOT), port);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    /** The listener name of {@code host:port} (IPv6 literals in brackets). */
    static String nameOf(String host, int port) {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }
}
