package io.inmesh.engine.route;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** RE2 compilation with errors that name the offending pattern. */
final class Regexes {
  private Regexes() {}

  static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid RE2 regex '" + regex + "': " + e.getMessage(), e);
    }
  }

  /**
   * A literal every full match of {@code regex} must start with, or {@code ""} when none can be
   * read off safely. Lets a route skip RE2 (whose matcher allocates and costs hundreds of
   * nanoseconds) for paths that cannot match: most of a route table, most of the time.
   * Conservative: any alternation, group, class or escape ends the literal, and a quantifier takes
   * back the character it applies to.
   */
  static String literalPrefix(String regex) {
    if (regex.indexOf('|') >= 0) {
      return "";
    }
    int start = regex.startsWith("^") ? 1 : 0;
    StringBuilder out = new StringBuilder();
    for (int i = start; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if ("\\.^$*+?()[]{}".indexOf(c) >= 0) {
        if ((c == '*' || c == '?' || c == '{') && out.length() > 0) {
          out.setLength(out.length() - 1);
        }
        break;
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Envoy's {@code regex_rewrite} substitution uses {@code \1} for groups; RE2/J's replaceAll uses
   * {@code $1}. Converts one to the other and escapes literal {@code $}.
   */
  static String substitution(String envoy) {
    StringBuilder out = new StringBuilder(envoy.length() + 4);
    for (int i = 0; i < envoy.length(); i++) {
      char c = envoy.charAt(i);
      if (c == '\\' && i + 1 < envoy.length() && Character.isDigit(envoy.charAt(i + 1))) {
        out.append('$').append(envoy.charAt(++i));
      } else if (c == '\\' && i + 1 < envoy.length() && envoy.charAt(i + 1) == '\\') {
        out.append("\\\\");
        i++;
      } else if (c == '$') {
        out.append("\\$");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
