package io.inmesh.model;

import java.util.Objects;

/**
 * One entry of an HCM's {@code http_filters}: its name (the key of per-route overrides) and config.
 */
public record HttpFilter(String name, FilterConfig config) {
  public HttpFilter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
  }
}
