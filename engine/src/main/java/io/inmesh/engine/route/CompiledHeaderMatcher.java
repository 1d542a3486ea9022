package io.inmesh.engine.route;

import io.inmesh.engine.HeaderView;
import io.inmesh.engine.OutboundRequest;
import io.inmesh.model.HeaderMatcher;
import java.util.List;

/**
 * Envoy's {@code HeaderMatcher} with its exact semantics for missing headers: a missing header
 * fails every value matcher whether inverted or not (only {@code present_match} looks at absence),
 * unless {@code treat_missing_as_empty}.
 */
public final class CompiledHeaderMatcher {
  private static final int TEXT = 0;
  private static final int PRESENT = 1;
  private static final int RANGE = 2;

  private final String name;
  private final int kind;
  private final CompiledStringMatcher text;
  private final boolean present;
  private final long rangeStart;
  private final long rangeEnd;
  private final boolean invert;
  private final boolean treatMissingAsEmpty;

  private CompiledHeaderMatcher(HeaderMatcher m) {
    this.name = m.name().toLowerCase(java.util.Locale.ROOT);
    this.invert = m.invert();
    this.treatMissingAsEmpty = m.treatMissingAsEmpty();
    CompiledStringMatcher t = null;
    boolean p = false;
    long rs = 0;
    long re = 0;
    int k;
    if (m.match() instanceof HeaderMatcher.Text text) {
      k = TEXT;
      t = CompiledStringMatcher.of(text.matcher());
    } else if (m.match() instanceof HeaderMatcher.Present pr) {
      k = PRESENT;
      p = pr.present();
    } else {
      HeaderMatcher.Range r = (HeaderMatcher.Range) m.match();
      k = RANGE;
      rs = r.start();
      re = r.end();
    }
    this.kind = k;
    this.text = t;
    this.present = p;
    this.rangeStart = rs;
    this.rangeEnd = re;
  }

  public static CompiledHeaderMatcher of(HeaderMatcher m) {
    return new CompiledHeaderMatcher(m);
  }

  /** Compiles a list; an empty list yields an empty array. */
  public static CompiledHeaderMatcher[] all(List<HeaderMatcher> matchers) {
    CompiledHeaderMatcher[] out = new CompiledHeaderMatcher[matchers.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = of(matchers.get(i));
    }
    return out;
  }

  /** Matches a request, pseudo-headers included. */
  public boolean matches(OutboundRequest request) {
    return matchesValue(RequestHeaderLookup.get(request, name));
  }

  /** Matches a plain header view (e.g. response headers for {@code retriable_headers}). */
  public boolean matches(HeaderView headers) {
    return matchesValue(headers.get(name));
  }

  /** True when every matcher matches the request (true for none). */
  public static boolean allMatch(CompiledHeaderMatcher[] matchers, OutboundRequest request) {
    for (CompiledHeaderMatcher m : matchers) {
      if (!m.matches(request)) {
        return false;
      }
    }
    return true;
  }

  private boolean matchesValue(String value) {
    if (value == null && !treatMissingAsEmpty) {
      return kind == PRESENT && (invert ? present : !present);
    }
    String v = value == null ? "" : value;
    boolean match =
        switch (kind) {
          case TEXT -> text.matches(v);
          case PRESENT -> present;
          default -> inRange(v);
        };
    return match != invert;
  }

  private boolean inRange(String v) {
    long parsed;
    try {
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      return false;
    }
    return parsed >= rangeStart && parsed < rangeEnd;
  }
}
