package io.inmesh.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class XdsSettingsTest {
  @Test
  void defaults() {
    XdsSettings s = XdsSettings.builder("cp", 18000).build();
    assertThat(s.protocol()).isEqualTo(XdsProtocol.SOTW);
    assertThat(s.doesNotExistTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.cacheFile()).isNull();
    assertThat(s.tls()).isNull();
    assertThat(s.eagerListeners()).isEmpty();
  }

  @Test
  void protocolParsesBothSpellingsAndRejectsOthers() {
    assertThat(XdsProtocol.parse(" Delta ")).isEqualTo(XdsProtocol.DELTA);
    assertThat(XdsProtocol.parse("sotw")).isEqualTo(XdsProtocol.SOTW);
    assertThatThrownBy(() -> XdsProtocol.parse("incremental"))
        .hasMessageContaining("MESH_XDS_PROTOCOL");
  }

  @Test
  void badValuesAreRejectedWithTheSettingNamed() {
    assertThatThrownBy(() -> XdsSettings.builder("cp", 0).build()).hasMessageContaining("port");
    assertThatThrownBy(
            () -> XdsSettings.builder("cp", 1).doesNotExistTimeout(Duration.ZERO).build())
        .hasMessageContaining("doesNotExistTimeout");
    assertThatThrownBy(() -> new XdsTls(Path.of("ca"), Path.of("cert"), null))
        .hasMessageContaining("MESH_XDS_TLS_KEY");
  }
}
