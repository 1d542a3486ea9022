package io.inmesh.samples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import org.junit.jupiter.api.Test;

class EnvoyTranslatorTest {
  private final EnvoyTranslator translator = new EnvoyTranslator();

  @Test
  void aServiceWithoutFaultsGetsOnlyTheRouter() throws Exception {
    MeshSpec mesh =
        new MeshYamlParser()
            .parse("services:\n  ratings:\n    port: 9080\n    versions: { v1: [127.0.0.1:1] }\n");
    XdsResources xds = translator.translate(mesh);
    HttpConnectionManager hcm =
        xds.listeners()
            .get(0)
            .getApiListener()
            .getApiListener()
            .unpack(HttpConnectionManager.class);
    assertThat(hcm.getHttpFiltersList()).hasSize(1);
    assertThat(hcm.getHttpFilters(0).getName()).isEqualTo(EnvoyTranslator.ROUTER_FILTER);
    assertThat(xds.routes().get(0).getVirtualHosts(0).getRoutes(0).getRoute().getCluster())
        .isEqualTo("outbound|9080|v1|ratings");
    assertThat(xds.routes().get(0).getVirtualHosts(0).getRoutes(0).getRoute().hasRetryPolicy())
        .isFalse();
  }

  @Test
  void equalSpecsGiveEqualResources() throws Exception {
    MeshYamlParser parser = new MeshYamlParser();
    assertThat(translator.translate(parser.parse(SampleControlPlaneTest.MESH)))
        .isEqualTo(translator.translate(parser.parse(SampleControlPlaneTest.MESH)));
  }

  @Test
  void percentagesKeepTheirPrecision() {
    assertThat(EnvoyTranslator.percentage(5))
        .isEqualTo(
            FractionalPercent.newBuilder()
                .setNumerator(5)
                .setDenominator(FractionalPercent.DenominatorType.HUNDRED)
                .build());
    assertThat(EnvoyTranslator.percentage(0.01).getNumerator()).isEqualTo(100);
    assertThat(EnvoyTranslator.percentage(0.01).getDenominator())
        .isEqualTo(FractionalPercent.DenominatorType.MILLION);
  }
}
