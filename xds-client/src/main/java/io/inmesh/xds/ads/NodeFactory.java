package io.inmesh.xds.ads;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.inmesh.xds.XdsSettings;

/** Builds the {@code Node} sent on every request from the settings. */
final class NodeFactory {
  static final String USER_AGENT = "inmesh";

  /** The decoder unwraps {@code Resource}-wrapped SotW resources, so we may announce it. */
  static final String RESOURCE_IN_SOTW = "xds.config.resource-in-sotw";

  private NodeFactory() {}

  static Node create(XdsSettings settings) {
    Node.Builder node =
        Node.newBuilder()
            .setId(settings.nodeId())
            .setCluster(settings.service())
            .setUserAgentName(USER_AGENT)
            .setUserAgentVersion(version())
            .addClientFeatures(RESOURCE_IN_SOTW);
    io.inmesh.model.Locality locality = settings.locality();
    if (!locality.equals(io.inmesh.model.Locality.NONE)) {
      node.setLocality(
          Locality.newBuilder()
              .setRegion(locality.region())
              .setZone(locality.zone())
              .setSubZone(locality.subZone()));
    }
    if (!settings.metadata().isEmpty()) {
      Struct.Builder metadata = Struct.newBuilder();
      settings
          .metadata()
          .forEach((k, v) -> metadata.putFields(k, Value.newBuilder().setStringValue(v).build()));
      node.setMetadata(metadata);
    }
    return node.build();
  }

  private static String version() {
    String v = NodeFactory.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
