package io.inmesh.engine;

import java.util.Objects;

/**
 * A ready-made {@link OutboundRequest} for adapters and tests that would rather fill in a record.
 */
public record SimpleRequest(
    String scheme,
    String host,
    int port,
    String authority,
    String method,
    String path,
    String query,
    HeaderView headers,
    boolean bodyReplayable)
    implements OutboundRequest {
  public SimpleRequest {
    Objects.requireNonNull(host, "host");
    scheme = scheme == null ? "http" : scheme;
    method = method == null ? "GET" : method;
    path = path == null || path.isEmpty() ? "/" : path;
    headers = headers == null ? HeaderView.EMPTY : headers;
    if (authority == null) {
      boolean defaultPort =
          (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"));
      String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      authority = defaultPort ? h : h + ":" + port;
    }
  }

  /** A GET without headers or body to {@code http://host:port/path?query}. */
  public static SimpleRequest get(String host, int port, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    return new SimpleRequest("http", host, port, null, "GET", path, query, null, true);
  }
}
