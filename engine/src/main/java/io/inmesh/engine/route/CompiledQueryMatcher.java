package io.inmesh.engine.route;

import io.inmesh.model.QueryParameterMatcher;
import java.util.List;

/**
 * Envoy's {@code QueryParameterMatcher} over the raw query (Envoy matches the undecoded value; the
 * first occurrence of a parameter counts).
 */
public final class CompiledQueryMatcher {
  private final String name;
  private final CompiledStringMatcher matcher;

  private CompiledQueryMatcher(QueryParameterMatcher m) {
    this.name = m.name();
    this.matcher = m.matcher() == null ? null : CompiledStringMatcher.of(m.matcher());
  }

  public static CompiledQueryMatcher[] all(List<QueryParameterMatcher> matchers) {
    CompiledQueryMatcher[] out = new CompiledQueryMatcher[matchers.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new CompiledQueryMatcher(matchers.get(i));
    }
    return out;
  }

  public boolean matches(String query) {
    String value = QueryStrings.value(query, name);
    if (value == null) {
      return false;
    }
    return matcher == null || matcher.matches(value);
  }
}
