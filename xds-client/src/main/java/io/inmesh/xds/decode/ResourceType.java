package io.inmesh.xds.decode;

/**
 * The four xDS v3 resource types the mesh consumes, in dependency order (LDS → RDS → CDS → EDS).
 */
public enum ResourceType {
  LISTENER("type.googleapis.com/envoy.config.listener.v3.Listener"),
  ROUTE_CONFIGURATION("type.googleapis.com/envoy.config.route.v3.RouteConfiguration"),
  CLUSTER("type.googleapis.com/envoy.config.cluster.v3.Cluster"),
  CLUSTER_LOAD_ASSIGNMENT("type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment");

  private static final String V2_PREFIX = "type.googleapis.com/envoy.api.v2.";

  private final String typeUrl;

  ResourceType(String typeUrl) {
    this.typeUrl = typeUrl;
  }

  /** The v3 type URL, as sent in {@code DiscoveryRequest.type_url} and {@code Any.type_url}. */
  public String typeUrl() {
    return typeUrl;
  }

  /**
   * The type of a v3 type URL.
   *
   * @throws IllegalArgumentException for any other URL; the message says when it is an xDS v2 URL
   */
  public static ResourceType fromTypeUrl(String typeUrl) {
    ResourceType type = fromTypeUrlOrNull(typeUrl);
    if (type != null) {
      return type;
    }
    if (typeUrl != null && typeUrl.startsWith(V2_PREFIX)) {
      throw new IllegalArgumentException("xDS v2 is not supported: " + typeUrl);
    }
    throw new IllegalArgumentException("not an xDS v3 resource type the mesh uses: " + typeUrl);
  }

  /** Like {@link #fromTypeUrl} but null for an unknown URL. */
  public static ResourceType fromTypeUrlOrNull(String typeUrl) {
    for (ResourceType type : values()) {
      if (type.typeUrl.equals(typeUrl)) {
        return type;
      }
    }
    return null;
  }

  /** Whether a type URL names an xDS v2 resource ({@code envoy.api.v2.*}). */
  public static boolean isV2(String typeUrl) {
    return typeUrl != null && typeUrl.startsWith(V2_PREFIX);
  }
}
