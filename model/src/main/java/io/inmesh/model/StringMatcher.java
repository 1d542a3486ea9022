package io.inmesh.model;

import java.util.Objects;

/**
 * Envoy's {@code type.matcher.v3.StringMatcher}. A {@link Kind#SAFE_REGEX} value is an RE2 pattern
 * that must match the whole string.
 */
public record StringMatcher(Kind kind, String value, boolean ignoreCase) {
  /** How {@link #value} is compared. */
  public enum Kind {
    EXACT,
    PREFIX,
    SUFFIX,
    CONTAINS,
    SAFE_REGEX
  }

  public StringMatcher {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  public static StringMatcher exact(String value) {
    return new StringMatcher(Kind.EXACT, value, false);
  }
}
