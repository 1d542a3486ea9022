package io.inmesh.engine.route;

import io.inmesh.engine.OutboundRequest;

/**
 * Reads a header of an {@link OutboundRequest} the way Envoy's route matching sees it: the
 * pseudo-headers and {@code host} come from the request line, everything else from the adapter's
 * header view.
 */
public final class RequestHeaderLookup {
  private RequestHeaderLookup() {}

  /** The value of {@code lowerCaseName}, or null when absent. */
  public static String get(OutboundRequest request, String lowerCaseName) {
    if (!lowerCaseName.isEmpty() && lowerCaseName.charAt(0) == ':') {
      return switch (lowerCaseName) {
        case ":authority" -> request.authority();
        case ":method" -> request.method();
        case ":scheme" -> request.scheme();
        case ":path" ->
            request.query() == null ? request.path() : request.path() + "?" + request.query();
        default -> null;
      };
    }
    if (lowerCaseName.equals("host")) {
      return request.authority();
    }
    return request.headers().get(lowerCaseName);
  }
}
