package io.inmesh.xds.decode;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.inmesh.model.HeaderMatcher;
import io.inmesh.model.StringMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** String, regex and header matchers, with regexes compiled by RE2/J so bad ones are NACKed. */
final class Matchers {
  private Matchers() {}

  static String regex(io.envoyproxy.envoy.type.matcher.v3.RegexMatcher m, String path) {
    return checkRegex(m.getRegex(), path + ".regex");
  }

  static String checkRegex(String regex, String path) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new Invalid(path, "invalid RE2 regex \"" + regex + "\": " + e.getDescription());
    }
    return regex;
  }

  static StringMatcher string(io.envoyproxy.envoy.type.matcher.v3.StringMatcher m, String path) {
    boolean ignoreCase = m.getIgnoreCase();
    return switch (m.getMatchPatternCase()) {
      case EXACT -> new StringMatcher(StringMatcher.Kind.EXACT, m.getExact(), ignoreCase);
      case PREFIX ->
          new StringMatcher(
              StringMatcher.Kind.PREFIX, nonEmpty(m.getPrefix(), path + ".prefix"), ignoreCase);
      case SUFFIX ->
          new StringMatcher(
              StringMatcher.Kind.SUFFIX, nonEmpty(m.getSuffix(), path + ".suffix"), ignoreCase);
      case CONTAINS ->
          new StringMatcher(
              StringMatcher.Kind.CONTAINS,
              nonEmpty(m.getContains(), path + ".contains"),
              ignoreCase);
      case SAFE_REGEX ->
          // Envoy ignores ignore_case for regexes (use (?i) in the pattern instead).
          new StringMatcher(
              StringMatcher.Kind.SAFE_REGEX, regex(m.getSafeRegex(), path + ".safe_regex"), false);
      case CUSTOM ->
          throw new Invalid(path + ".custom", "custom string matcher extensions are not supported");
      case MATCHPATTERN_NOT_SET ->
          throw new Invalid(
              path, "one of exact, prefix, suffix, " + "contains, safe_regex is required");
    };
  }

  static List<HeaderMatcher> headers(
      List<io.envoyproxy.envoy.config.route.v3.HeaderMatcher> list, String path) {
    List<HeaderMatcher> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(header(list.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  static HeaderMatcher header(io.envoyproxy.envoy.config.route.v3.HeaderMatcher h, String path) {
    if (h.getName().isEmpty()) {
      throw new Invalid(path + ".name", "must not be empty");
    }
    HeaderMatcher.Match match =
        switch (h.getHeaderMatchSpecifierCase()) {
          case EXACT_MATCH -> text(StringMatcher.Kind.EXACT, h.getExactMatch());
          case PREFIX_MATCH ->
              text(StringMatcher.Kind.PREFIX, nonEmpty(h.getPrefixMatch(), path + ".prefix_match"));
          case SUFFIX_MATCH ->
              text(StringMatcher.Kind.SUFFIX, nonEmpty(h.getSuffixMatch(), path + ".suffix_match"));
          case CONTAINS_MATCH ->
              text(
                  StringMatcher.Kind.CONTAINS,
                  nonEmpty(h.getContainsMatch(), path + ".contains_match"));
          case SAFE_REGEX_MATCH ->
              text(
                  StringMatcher.Kind.SAFE_REGEX,
                  regex(h.getSafeRegexMatch(), path + ".safe_regex_match"));
          case RANGE_MATCH ->
              new HeaderMatcher.Range(h.getRangeMatch().getStart(), h.getRangeMatch().getEnd());
          case PRESENT_MATCH -> new HeaderMatcher.Present(h.getPresentMatch());
          case STRING_MATCH ->
              new HeaderMatcher.Text(string(h.getStringMatch(), path + ".string_match"));
          // Envoy: with no specifier the header only has to be present.
          case HEADERMATCHSPECIFIER_NOT_SET -> new HeaderMatcher.Present(true);
        };
    return new HeaderMatcher(
        h.getName().toLowerCase(Locale.ROOT),
        match,
        h.getInvertMatch(),
        h.getTreatMissingHeaderAsEmpty());
  }

  private static HeaderMatcher.Text text(StringMatcher.Kind kind, String value) {
    return new HeaderMatcher.Text(new StringMatcher(kind, value, false));
  }

  static String nonEmpty(String value, String path) {
    if (value.isEmpty()) {
      throw new Invalid(path, "must not be empty");
    }
    return value;
  }
}
