package io.inmesh.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.bootstrap.MeshLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshConfigTest {
  private final List<String> problems = new ArrayList<>();

  private MeshConfig load(Map<String, String> props, Map<String, String> env) {
    return MeshConfig.load(new Settings(props::get, env::get), problems::add);
  }

  @Test
  void defaultsWhenNothingIsSet() {
    MeshConfig config = load(Map.of(), Map.of());
    assertThat(config.enabled()).isTrue();
    assertThat(config.xdsServer()).isNull();
    assertThat(config.xdsProtocol()).isEqualTo(MeshConfig.XdsProtocol.SOTW);
    assertThat(config.hooks()).isNull();
    assertThat(config.logLevel()).isEqualTo(MeshLog.Level.INFO);
    assertThat(config.nodeId()).startsWith("inmesh-");
    assertThat(config.source()).isEqualTo("none");
    assertThat(problems).isEmpty();
  }

  @Test
  void propertyWinsOverEnvironment() {
    MeshConfig config =
        load(
            Map.of("mesh.xds.server", "b:2", "mesh.hooks", "a, b"),
            Map.of("MESH_XDS_SERVER", "a:1", "MESH_XDS_PROTOCOL", "DELTA"));
    assertThat(config.xdsServer()).isEqualTo(new HostPort("b", 2));
    assertThat(config.xdsProtocol()).isEqualTo(MeshConfig.XdsProtocol.DELTA);
    assertThat(config.hooks()).containsExactly("a", "b");
    assertThat(config.source()).isEqualTo("xds delta://b:2");
  }

  @Test
  void badValuesAreReportedAndReplacedByDefaults() {
    MeshConfig config =
        load(
            Map.of("mesh.log", "chatty"),
            Map.of("MESH_XDS_SERVER", "x", "MESH_ENABLED", "nope", "MESH_XDS_PROTOCOL", "quic"));
    assertThat(config.enabled()).isTrue();
    assertThat(config.xdsServer()).isNull();
    assertThat(problems)
        .containsExactly(
            "MESH_ENABLED=nope is invalid (accepted: true|false); using true",
            "-Dmesh.log=chatty is invalid (accepted: error|warn|info|debug); using info",
            "MESH_XDS_SERVER=x is invalid (accepted: host:port, e.g. xds.example:15010); ignored,"
                + " using the local configuration",
            "MESH_XDS_PROTOCOL=quic is invalid (accepted: sotw|delta); using sotw");
  }

  @Test
  void hostPortParsing() {
    assertThat(HostPort.parse("istiod.istio-system:15010"))
        .isEqualTo(new HostPort("istiod.istio-system", 15010));
    assertThat(HostPort.parse("[::1]:18000")).hasToString("[::1]:18000");
    assertThat(HostPort.parse("::1:18000")).isNull();
    assertThat(HostPort.parse("host:0")).isNull();
    assertThat(HostPort.parse("host:")).isNull();
    assertThat(HostPort.parse(":80")).isNull();
    assertThat(HostPort.parse("a b:80")).isNull();
  }

  @Test
  void envNamesFollowOneRule() {
    assertThat(Setting.XDS_SERVER.env()).isEqualTo("MESH_XDS_SERVER");
    assertThat(Setting.NODE_ID.env()).isEqualTo("MESH_NODE_ID");
    assertThat(Setting.TEST_PROBE_FAIL.env()).isEqualTo("MESH_TEST_PROBE_FAIL");
  }
}
