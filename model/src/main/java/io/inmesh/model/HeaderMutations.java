package io.inmesh.model;

import java.util.List;

/**
 * Request headers to add and remove at one level (route config, virtual host, route, cluster
 * weight).
 */
public record HeaderMutations(List<HeaderValueOption> add, List<String> remove) {
  public static final HeaderMutations NONE = new HeaderMutations(List.of(), List.of());

  public HeaderMutations {
    add = Immutables.list(add);
    remove = Immutables.list(remove);
  }

  public boolean isEmpty() {
    return add.isEmpty() && remove.isEmpty();
  }
}
