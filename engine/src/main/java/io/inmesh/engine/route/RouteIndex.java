package io.inmesh.engine.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Narrows a virtual host's routes to those that can match a path, keyed by the path's first
 * segment, so a request tests a handful of routes instead of walking the whole table.
 *
 * <p>Every route falls in one of three classes, from the literal its path must start with:
 *
 * <ul>
 *   <li><b>keyed</b>: the literal fixes the first segment ({@code /seg/...}, or an exact or
 *       separated-prefix {@code /seg}): only paths whose first segment is {@code seg} can match;
 *   <li><b>segment prefix</b>: a prefix or regex literal {@code /se} without a second slash: only
 *       paths whose first segment starts with {@code se} can match;
 *   <li><b>any</b>: no usable literal (case-insensitive, {@code /}, a regex without a literal
 *       start): tested for every path.
 * </ul>
 *
 * For each distinct key a candidate list is built once, holding every route that could match a path
 * with that first segment, <em>in the virtual host's order</em>; paths with another first segment
 * get the list of segment-prefix and any routes. The first route of a candidate list that matches
 * is therefore the first route of the whole table that matches: Envoy's first-match-wins order is
 * kept exactly, because a route left out of a list cannot match any path that list serves.
 *
 * <p>A lookup hashes the segment in place (no substring) and probes an open-addressing table.
 */
final class RouteIndex {
  /** Below this many routes a linear walk is as fast as a probe. */
  static final int MIN_ROUTES = 8;

  private final String[] keys;
  private final int[] hashes;
  private final RouteEntry[][] lists;
  private final int mask;
  private final RouteEntry[] others;

  private RouteIndex(String[] keys, int[] hashes, RouteEntry[][] lists, RouteEntry[] others) {
    this.keys = keys;
    this.hashes = hashes;
    this.lists = lists;
    this.mask = keys.length - 1;
    this.others = others;
  }

  /** An index over {@code routes} (in virtual-host order), or null when it would not pay. */
  static RouteIndex build(RouteEntry[] routes) {
    if (routes.length < MIN_ROUTES) {
      return null;
    }
    String[] keyOf = new String[routes.length];
    String[] segmentPrefixOf = new String[routes.length];
    Map<String, List<RouteEntry>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < routes.length; i++) {
      CompiledRouteMatch m = routes[i].match;
      String literal = m.requiredPathPrefix();
      if (!literal.startsWith("/")) {
        continue; // any
      }
      int slash = literal.indexOf('/', 1);
      if (slash >= 0) {
        keyOf[i] = literal.substring(1, slash);
      } else if (m.prefixEndsSegment()) {
        keyOf[i] = literal.substring(1);
      } else {
        segmentPrefixOf[i] = literal.substring(1);
      }
      if (keyOf[i] != null) {
        byKey.putIfAbsent(keyOf[i], new ArrayList<>());
      }
    }
    if (byKey.isEmpty()) {
      return null;
    }
    List<RouteEntry> others = new ArrayList<>();
    for (int i = 0; i < routes.length; i++) {
      if (keyOf[i] == null) {
        others.add(routes[i]);
      }
    }
    // Each key's list, filled in route order so that it is sorted by construction.
    for (int i = 0; i < routes.length; i++) {
      if (keyOf[i] != null) {
        byKey.get(keyOf[i]).add(routes[i]);
        continue;
      }
      for (Map.Entry<String, List<RouteEntry>> e : byKey.entrySet()) {
        if (segmentPrefixOf[i] == null || e.getKey().startsWith(segmentPrefixOf[i])) {
          e.getValue().add(routes[i]);
        }
      }
    }
    int capacity = Integer.highestOneBit(Math.max(1, byKey.size() * 2 - 1)) << 1;
    String[] keys = new String[capacity];
    int[] hashes = new int[capacity];
    RouteEntry[][] lists = new RouteEntry[capacity][];
    for (Map.Entry<String, List<RouteEntry>> e : byKey.entrySet()) {
      int h = e.getKey().hashCode();
      int slot = spread(h) & (capacity - 1);
      while (keys[slot] != null) {
        slot = (slot + 1) & (capacity - 1);
      }
      keys[slot] = e.getKey();
      hashes[slot] = h;
      lists[slot] = e.getValue().toArray(new RouteEntry[0]);
    }
    return new RouteIndex(keys, hashes, lists, others.toArray(new RouteEntry[0]));
  }

  /** The routes that could match {@code path}, in virtual-host order. */
  RouteEntry[] candidates(String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return others;
    }
    int end = path.indexOf('/', 1);
    if (end < 0) {
      end = path.length();
    }
    // String.hashCode's formula over the segment, without making the substring.
    int h = 0;
    for (int i = 1; i < end; i++) {
      h = 31 * h + path.charAt(i);
    }
    int length = end - 1;
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      String key = keys[slot];
      if (key == null) {
        return others;
      }
      if (hashes[slot] == h && key.length() == length && path.startsWith(key, 1)) {
        return lists[slot];
      }
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
