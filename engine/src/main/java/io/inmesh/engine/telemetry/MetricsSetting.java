package io.inmesh.engine.telemetry;

import java.net.URI;
import java.util.Locale;

/**
 * The parsed {@code MESH_METRICS} setting: {@code off} (the default), {@code
 * prometheus[:[host:]port]} (a scrape endpoint, on 127.0.0.1:9464 unless a host is given), or
 * {@code otlp[:url]} (OTLP/HTTP push to {@code http://127.0.0.1:4318} unless a URL is given).
 *
 * @param host the Prometheus bind address (PROMETHEUS only)
 * @param port the Prometheus port (PROMETHEUS only)
 * @param endpoint the OTLP base URL, without {@code /v1/metrics} (OTLP only)
 */
public record MetricsSetting(Kind kind, String host, int port, URI endpoint) {
  /** Where metrics go. */
  public enum Kind {
    OFF,
    PROMETHEUS,
    OTLP
  }

  public static final MetricsSetting OFF = new MetricsSetting(Kind.OFF, null, 0, null);
  private static final String DEFAULT_HOST = "127.0.0.1";
  private static final int DEFAULT_PORT = 9464;
  private static final URI DEFAULT_OTLP = URI.create("http://127.0.0.1:4318");
  private static final String FORMS =
      "expected off | prometheus | prometheus:<port> | prometheus:<host>:<port>"
          + " | otlp | otlp:<http(s)://host:port>";

  /**
   * Parses the setting; null or blank means off.
   *
   * @throws IllegalArgumentException naming the setting, the bad value and the accepted forms
   */
  public static MetricsSetting parse(String value) {
    if (value == null || value.isBlank()) {
      return OFF;
    }
    String v = value.trim();
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals("off") || lower.equals("none") || lower.equals("false")) {
      return OFF;
    }
    if (lower.equals("prometheus")) {
      return new MetricsSetting(Kind.PROMETHEUS, DEFAULT_HOST, DEFAULT_PORT, null);
    }
    if (lower.startsWith("prometheus:")) {
      return prometheus(v, v.substring("prometheus:".length()));
    }
    if (lower.equals("otlp")) {
      return new MetricsSetting(Kind.OTLP, null, 0, DEFAULT_OTLP);
    }
    if (lower.startsWith("otlp:")) {
      return otlp(v, v.substring("otlp:".length()));
    }
    throw bad(value, "unknown exporter");
  }

  private static MetricsSetting prometheus(String value, String rest) {
    String host = DEFAULT_HOST;
    String port = rest;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      host = rest.substring(0, colon);
      port = rest.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        throw bad(value, "empty host");
      }
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw bad(value, "port is not a number");
    }
    if (p < 0 || p > 65535) {
      throw bad(value, "port out of range");
    }
    return new MetricsSetting(Kind.PROMETHEUS, host, p, null);
  }

  private static MetricsSetting otlp(String value, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw bad(value, "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw bad(value, "the OTLP URL must be http or https");
    }
    if (uri.getHost() == null) {
      throw bad(value, "the OTLP URL has no host");
    }
    return new MetricsSetting(Kind.OTLP, null, 0, uri);
  }

  private static IllegalArgumentException bad(String value, String why) {
    return new IllegalArgumentException(
        "MESH_METRICS=" + value + " is invalid (" + why + "); " + FORMS);
  }
}
