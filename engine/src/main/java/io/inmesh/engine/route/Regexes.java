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
