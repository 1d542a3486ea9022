package io.inmesh.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Null-tolerant defensive copies, so records stay immutable whatever a decoder hands them. */
final class Immutables {
  private Immutables() {}

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : Map.copyOf(map);
  }

  static <T> Set<T> set(Set<T> set) {
    return set == null ? Set.of() : Set.copyOf(set);
  }
}
