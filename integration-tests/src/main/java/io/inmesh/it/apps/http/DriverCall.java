package io.inmesh.it.apps.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP call a scenario asks the client app to make, in the app's own client library.
 *
 * @param method e.g. {@code GET}
 * @param url the URL the app uses, e.g. {@code http://reviews:9080/a?b=c}
 * @param headers request headers to set (names as given)
 * @param body the request body, or null for none
 * @param streamed send the body as a one-shot stream the client cannot replay (an {@code
 *     InputStream} publisher, a chunked streaming entity...), rather than as bytes
 * @param timeoutMillis the app's own request timeout, 0 for none
 */
public record DriverCall(
    String method,
    String url,
    Map<String, String> headers,
    String body,
    boolean streamed,
    int timeoutMillis) {
  public DriverCall {
    headers = Map.copyOf(headers);
  }

  /** A GET of {@code url} with no headers, body or timeout. */
  public static DriverCall get(String url) {
    return new DriverCall("GET", url, Map.of(), null, false, 0);
  }

  /** A POST of {@code body} as replayable bytes. */
  public static DriverCall post(String url, String body) {
    return new DriverCall("POST", url, Map.of(), body, false, 0);
  }

  public DriverCall header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new DriverCall(method, url, h, body, streamed, timeoutMillis);
  }

  public DriverCall streamedBody() {
    return new DriverCall(method, url, headers, body, true, timeoutMillis);
  }

  public DriverCall timeoutMillis(int millis) {
    return new DriverCall(method, url, headers, body, streamed, millis);
  }

  /** As a line payload. */
  public String encode() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("method", method);
    f.put("url", url);
    f.put("body", body);
    f.put("streamed", Boolean.toString(streamed));
    f.put("timeoutMillis", Integer.toString(timeoutMillis));
    headers.forEach((k, v) -> f.put("h." + k, v));
    return Wire.encode(f);
  }

  /** From a line payload. */
  public static DriverCall decode(String text) {
    Map<String, String> f = Wire.decode(text);
    Map<String, String> headers = new LinkedHashMap<>();
    f.forEach(
        (k, v) -> {
          if (k.startsWith("h.")) {
            headers.put(k.substring(2), v);
          }
        });
    return new DriverCall(
        f.get("method"),
        f.get("url"),
        headers,
        f.get("body"),
        Boolean.parseBoolean(f.get("streamed")),
        Integer.parseInt(f.getOrDefault("timeoutMillis", "0")));
  }
}
