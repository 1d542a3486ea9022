package io.inmesh.model;

import java.util.Objects;

/** The path specifier of a {@link RouteMatch}. Matching is against the path without the query. */
public sealed interface PathMatch {
  String value();

  /** {@code prefix}: the empty prefix matches every path. */
  record Prefix(String value) implements PathMatch {
    public Prefix {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code path}: the whole path. */
  record Exact(String value) implements PathMatch {
    public Exact {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code safe_regex}: an RE2 pattern that must match the whole path. */
  record Regex(String value) implements PathMatch {
    public Regex {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * {@code path_separated_prefix}: the path equals the prefix or continues with {@code /} (or the
   * query) right after it.
   */
  record SeparatedPrefix(String value) implements PathMatch {
    public SeparatedPrefix {
      Objects.requireNonNull(value, "value");
    }
  }
}
