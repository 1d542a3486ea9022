package io.inmesh.xds.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.inmesh.model.FilterConfig;
import org.junit.jupiter.api.Test;

/** The binary path the ADS client uses: {@code Any} in, model out. */
class XdsDecoderTest {
  private final XdsDecoder decoder = new XdsDecoder();

  private static Listener proxylessListener() {
    HttpConnectionManager hcm =
        HttpConnectionManager.newBuilder()
            .setRds(Rds.newBuilder().setRouteConfigName("rc"))
            .addHttpFilters(
                HttpFilter.newBuilder()
                    .setName("envoy.filters.http.router")
                    .setTypedConfig(Any.pack(Router.getDefaultInstance())))
            .build();
    return Listener.newBuilder()
        .setName("svc:80")
        .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(hcm)))
        .build();
  }

  @Test
  void decodesAnyAndResourceWrapper() throws Exception {
    Any any = Any.pack(proxylessListener());
    DecodedResource d = decoder.decode(ResourceType.LISTENER, any);
    assertThat(d.name()).isEqualTo("svc:80");
    assertThat(d.model(io.inmesh.model.Listener.class).http().httpFilters().get(0).config())
        .isEqualTo(new FilterConfig.Router());
    assertThat(d.references(ResourceType.ROUTE_CONFIGURATION)).containsExactly("rc");
    Any wrapped = Any.pack(Resource.newBuilder().setName("svc:80").setResource(any).build());
    assertThat(decoder.decode(ResourceType.LISTENER, wrapped).model()).isEqualTo(d.model());
  }

  @Test
  void typedStructStandsForItsType() throws Exception {
    com.github.xds.type.v3.TypedStruct ts =
        com.github.xds.type.v3.TypedStruct.newBuilder()
            .setTypeUrl("type.googleapis.com/envoy.extensions.filters.http.router.v3.Router")
            .build();
    Listener l = proxylessListener();
    HttpConnectionManager hcm =
        l.getApiListener().getApiListener().unpack(HttpConnectionManager.class).toBuilder()
            .setHttpFilters(0, HttpFilter.newBuilder().setName("r").setTypedConfig(Any.pack(ts)))
            .build();
    Listener rewritten =
        l.toBuilder()
            .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(hcm)))
            .build();
    assertThat(
            decoder
                .decode(rewritten)
                .model(io.inmesh.model.Listener.class)
                .http()
                .httpFilters()
                .get(0)
                .config())
        .isEqualTo(new FilterConfig.Router());
  }

  @Test
  void wrongTypeV2AndGarbageAreRejected() {
    assertThatThrownBy(() -> decoder.decode(ResourceType.CLUSTER, Any.pack(proxylessListener())))
        .isInstanceOf(InvalidResourceException.class)
        .hasMessage(
            "expected type type.googleapis.com/envoy.config.cluster.v3.Cluster but got type.googleapis.com/envoy.config.listener.v3.Listener");
    Any v2 = Any.newBuilder().setTypeUrl("type.googleapis.com/envoy.api.v2.Cluster").build();
    assertThatThrownBy(() -> decoder.decode(ResourceType.CLUSTER, v2))
        .hasMessage("xDS v2 is not supported: type.googleapis.com/envoy.api.v2.Cluster");
    Any garbage =
        Any.newBuilder()
            .setTypeUrl(ResourceType.CLUSTER.typeUrl())
            .setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}))
            .build();
    assertThatThrownBy(() -> decoder.decode(ResourceType.CLUSTER, garbage))
        .hasMessageStartingWith("cannot parse type.googleapis.com/envoy.config.cluster.v3.Cluster");
  }

  @Test
  void resourceTypeUrls() {
    for (ResourceType t : ResourceType.values()) {
      assertThat(ResourceType.fromTypeUrl(t.typeUrl())).isSameAs(t);
    }
    assertThat(ResourceType.CLUSTER.typeUrl())
        .isEqualTo("type.googleapis.com/envoy.config.cluster.v3.Cluster");
    assertThat(ResourceType.fromTypeUrlOrNull(Cluster.getDescriptor().getFullName())).isNull();
    assertThatThrownBy(() -> ResourceType.fromTypeUrl("type.googleapis.com/envoy.api.v2.Listener"))
        .hasMessage("xDS v2 is not supported: type.googleapis.com/envoy.api.v2.Listener");
  }
}
