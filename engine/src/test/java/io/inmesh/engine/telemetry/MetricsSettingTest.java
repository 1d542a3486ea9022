package io.inmesh.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsSettingTest {
  @Test
  void offIsTheDefault() {
    assertThat(MetricsSetting.parse(null)).isEqualTo(MetricsSetting.OFF);
    assertThat(MetricsSetting.parse(" ")).isEqualTo(MetricsSetting.OFF);
    assertThat(MetricsSetting.parse("off")).isEqualTo(MetricsSetting.OFF);
    assertThat(MetricsSetting.parse("OFF")).isEqualTo(MetricsSetting.OFF);
  }

  @Test
  void prometheusBindsLoopbackUnlessAHostIsGiven() {
    MetricsSetting d = MetricsSetting.parse("prometheus");
    assertThat(d.kind()).isEqualTo(MetricsSetting.Kind.PROMETHEUS);
    assertThat(d.host()).isEqualTo("127.0.0.1");
    assertThat(d.port()).isEqualTo(9464);
    assertThat(MetricsSetting.parse("prometheus:9100").host()).isEqualTo("127.0.0.1");
    assertThat(MetricsSetting.parse("prometheus:9100").port()).isEqualTo(9100);
    MetricsSetting any = MetricsSetting.parse("prometheus:0.0.0.0:9464");
    assertThat(any.host()).isEqualTo("0.0.0.0");
    assertThat(MetricsSetting.parse("prometheus:[::1]:9464").host()).isEqualTo("::1");
  }

  @Test
  void otlpTakesAnHttpUrl() {
    assertThat(MetricsSetting.parse("otlp").endpoint()).hasToString("http://127.0.0.1:4318");
    assertThat(MetricsSetting.parse("otlp:https://collector:4318").endpoint())
        .hasToString("https://collector:4318");
  }

  @Test
  void badValuesSayWhatIsAccepted() {
    assertThatThrownBy(() -> MetricsSetting.parse("statsd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MESH_METRICS=statsd")
        .hasMessageContaining("prometheus:<host>:<port>");
    assertThatThrownBy(() -> MetricsSetting.parse("prometheus:abc"))
        .hasMessageContaining("port is not a number");
    assertThatThrownBy(() -> MetricsSetting.parse("prometheus:70000"))
        .hasMessageContaining("port out of range");
    assertThatThrownBy(() -> MetricsSetting.parse("otlp:ftp://x"))
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> MetricsSetting.parse("otlp:http:///v1"))
        .hasMessageContaining("no host");
  }
}
