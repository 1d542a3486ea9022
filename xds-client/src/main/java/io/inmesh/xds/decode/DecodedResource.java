package io.inmesh.xds.decode;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One decoded resource.
 *
 * @param type what it is
 * @param name the resource name (the key in {@code io.inmesh.model.MeshSnapshot})
 * @param model the {@code io.inmesh.model} record: {@code Listener}, {@code RouteConfiguration},
 *     {@code Cluster} or {@code ClusterLoadAssignment}
 * @param dependencies the names of other resources it needs, by type: a listener's RDS route config
 *     name (or, with inline routes / a TCP proxy, its clusters), a route config's clusters, an EDS
 *     cluster's service name. Subscribe to these to complete the picture.
 */
public record DecodedResource(
    ResourceType type, String name, Object model, Map<ResourceType, Set<String>> dependencies) {
  public DecodedResource {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    EnumMap<ResourceType, Set<String>> copy = new EnumMap<>(ResourceType.class);
    if (dependencies != null) {
      dependencies.forEach(
          (t, names) -> {
            if (!names.isEmpty()) {
              copy.put(t, Set.copyOf(names));
            }
          });
    }
    dependencies = java.util.Collections.unmodifiableMap(copy);
  }

  /** The names of the resources of {@code type} this one references; empty if none. */
  public Set<String> references(ResourceType type) {
    return dependencies.getOrDefault(type, Set.of());
  }

  /** The model record, typed. */
  public <T> T model(Class<T> type) {
    return type.cast(model);
  }
}
