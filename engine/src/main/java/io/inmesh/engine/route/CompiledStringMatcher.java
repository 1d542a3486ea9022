package io.inmesh.engine.route;

import com.google.re2j.Pattern;
import io.inmesh.model.StringMatcher;

/**
 * Envoy's {@code StringMatcher}, compiled once per snapshot: matching allocates nothing except
 * inside RE2/J for regexes. {@code ignore_case} has no effect on {@code safe_regex}, as in Envoy.
 */
public abstract sealed class CompiledStringMatcher {
  /** Whether {@code value} (never null) satisfies the matcher. */
  public abstract boolean matches(String value);

  /** Compiles a model matcher; a bad regex throws {@link IllegalArgumentException}. */
  public static CompiledStringMatcher of(StringMatcher m) {
    return switch (m.kind()) {
      case EXACT -> new Exact(m.value(), m.ignoreCase());
      case PREFIX -> new Prefix(m.value(), m.ignoreCase());
      case SUFFIX -> new Suffix(m.value(), m.ignoreCase());
      case CONTAINS -> new Contains(m.value(), m.ignoreCase());
      case SAFE_REGEX -> new Regex(Regexes.compile(m.value()));
    };
  }

  static final class Exact extends CompiledStringMatcher {
    private final String expected;
    private final boolean ignoreCase;

    Exact(String expected, boolean ignoreCase) {
      this.expected = expected;
      this.ignoreCase = ignoreCase;
    }

    @Override
    public boolean matches(String value) {
      return ignoreCase ? expected.equalsIgnoreCase(value) : expected.equals(value);
    }
  }

  static final class Prefix extends CompiledStringMatcher {
    private final String prefix;
    private final boolean ignoreCase;

    Prefix(String prefix, boolean ignoreCase) {
      this.prefix = prefix;
      this.ignoreCase = ignoreCase;
    }

    @Override
    public boolean matches(String value) {
      return value.regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
    }
  }

  static final class Suffix extends CompiledStringMatcher {
    private final String suffix;
    private final boolean ignoreCase;

    Suffix(String suffix, boolean ignoreCase) {
      this.suffix = suffix;
      this.ignoreCase = ignoreCase;
    }

    @Override
    public boolean matches(String value) {
      int from = value.length() - suffix.length();
      return from >= 0 && value.regionMatches(ignoreCase, from, suffix, 0, suffix.length());
    }
  }

  static final class Contains extends CompiledStringMatcher {
    private final String part;
    private final boolean ignoreCase;

    Contains(String part, boolean ignoreCase) {
      this.part = part;
      this.ignoreCase = ignoreCase;
    }

    @Override
    public boolean matches(String value) {
      if (!ignoreCase) {
        return value.contains(part);
      }
      // A region scan instead of toLowerCase(): no copy of the value per request.
      int last = value.length() - part.length();
      for (int i = 0; i <= last; i++) {
        if (value.regionMatches(true, i, part, 0, part.length())) {
          return true;
        }
      }
      return false;
    }
  }

  static final class Regex extends CompiledStringMatcher {
    private final Pattern pattern;
    private final String literal;

    Regex(Pattern pattern) {
      this.pattern = pattern;
      this.literal = Regexes.literalPrefix(pattern.pattern());
    }

    @Override
    public boolean matches(String value) {
      return value.startsWith(literal) && pattern.matches(value);
    }
  }
}
