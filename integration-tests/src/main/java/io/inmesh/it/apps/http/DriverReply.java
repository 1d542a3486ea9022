package io.inmesh.it.apps.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the app saw: a response (status, headers, body) as its client library returned it, or the
 * exception it threw.
 *
 * @param status the HTTP status, or -1 when the call threw
 * @param headers response headers, names lower case, first value
 * @param body the response body as text ({@code ""} when empty)
 * @param error {@code ExceptionClass: message} when the call threw, else null
 * @param millis how long the call took in the app
 */
public record DriverReply(
    int status, Map<String, String> headers, String body, String error, long millis) {
  public DriverReply {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    headers = Map.copyOf(lower);
    body = body == null ? "" : body;
  }

  public static DriverReply response(int status, Map<String, String> headers, String body) {
    return new DriverReply(status, headers, body, null, 0);
  }

  public static DriverReply failure(Throwable t) {
    return new DriverReply(-1, Map.of(), "", t.getClass().getName() + ": " + t.getMessage(), 0);
  }

  public DriverReply withMillis(long ms) {
    return new DriverReply(status, headers, body, error, ms);
  }

  /** The {@code x-backend} header the scenario backends set, or null. */
  public String backend() {
    return headers.get("x-backend");
  }

  public String encode() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("status", Integer.toString(status));
    f.put("millis", Long.toString(millis));
    f.put("body", body);
    f.put("error", error);
    headers.forEach((k, v) -> f.put("h." + k, v));
    return Wire.encode(f);
  }

  public static DriverReply decode(String text) {
    Map<String, String> f = Wire.decode(text);
    Map<String, String> headers = new LinkedHashMap<>();
    f.forEach(
        (k, v) -> {
          if (k.startsWith("h.")) {
            headers.put(k.substring(2), v);
          }
        });
    return new DriverReply(
        Integer.parseInt(f.get("status")),
        headers,
        f.get("body"),
        f.get("error"),
        Long.parseLong(f.get("millis")));
  }
}
