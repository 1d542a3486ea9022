package io.inmesh.model;

import java.util.Objects;

/**
 * Envoy's {@code QueryParameterMatcher}: a parameter that must be present, or whose value must
 * match.
 *
 * @param matcher null means "present"
 */
public record QueryParameterMatcher(String name, StringMatcher matcher) {
  public QueryParameterMatcher {
    Objects.requireNonNull(name, "name");
  }
}
