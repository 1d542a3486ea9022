package io.inmesh.engine.route;

/** Reads raw query strings without splitting them into maps. */
public final class QueryStrings {
  private QueryStrings() {}

  /**
   * The raw value of the first parameter called {@code name} ({@code ""} for {@code ?name} or
   * {@code ?name=}), or null when absent or the query is null.
   */
  public static String value(String query, String name) {
    if (query == null) {
      return null;
    }
    int len = query.length();
    int start = 0;
    while (start <= len) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = len;
      }
      int nameEnd = start + name.length();
      if (nameEnd <= end && query.startsWith(name, start)) {
        if (nameEnd == end) {
          return "";
        }
        if (query.charAt(nameEnd) == '=') {
          return query.substring(nameEnd + 1, end);
        }
      }
      start = end + 1;
    }
    return null;
  }
}
