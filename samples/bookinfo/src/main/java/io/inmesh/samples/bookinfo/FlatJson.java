package io.inmesh.samples.bookinfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One-level JSON objects of strings, numbers and booleans: all the sample services exchange. Kept
 * here so the apps stay dependency-free.
 */
public final class FlatJson {
  private static final Pattern MEMBER =
      Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s]+)");

  private FlatJson() {}

  /** Writes {@code members} in order; values other than numbers and booleans become strings. */
  public static String write(Map<String, ?> members) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, ?> e : members.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"').append(escape(e.getKey())).append("\":");
      Object v = e.getValue();
      if (v instanceof Number || v instanceof Boolean) {
        out.append(v);
      } else {
        out.append('"').append(escape(String.valueOf(v))).append('"');
      }
    }
    return out.append('}').toString();
  }

  /**
   * Reads the members of a flat object as text (numbers and booleans as written); anything that is
   * not such an object gives an empty map, never an exception.
   */
  public static Map<String, String> read(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    if (json == null || !json.trim().startsWith("{")) {
      return out;
    }
    Matcher m = MEMBER.matcher(json);
    while (m.find()) {
      String value = m.group(3) != null ? unescape(m.group(3)) : m.group(2);
      out.put(unescape(m.group(1)), value);
    }
    return out;
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(n);
      }
    }
    return out.toString();
  }
}
