package io.inmesh.model;

import java.util.Objects;

/**
 * A header to add to a request, as in Envoy's {@code HeaderValueOption}.
 *
 * @param append true appends to existing values, false overwrites them (Envoy's
 *     APPEND_IF_EXISTS_OR_ADD vs OVERWRITE_IF_EXISTS_OR_ADD); ADD_IF_ABSENT is {@link
 *     #keepIfPresent}
 * @param keepIfPresent only add when the header is absent
 */
public record HeaderValueOption(String name, String value, boolean append, boolean keepIfPresent) {
  public HeaderValueOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
