package io.inmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each bad setting yields one clear line naming it and the accepted values; the app runs. */
class BadSettingsForkedTest {
  private static final String HELLO = "io.inmesh.it.apps.HelloApp";

  @ParameterizedTest(name = "JDK {0}: {1}={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "17|MESH_XDS_SERVER|no-port-here|MESH_XDS_SERVER=no-port-here is invalid (accepted: host:port",
        "17|MESH_XDS_SERVER|host:99999|MESH_XDS_SERVER=host:99999 is invalid (accepted: host:port",
        "17|MESH_XDS_PROTOCOL|quic|MESH_XDS_PROTOCOL=quic is invalid (accepted: sotw|delta); using sotw",
        "17|MESH_HOOKS|nope,test-probe,also-nope|MESH_HOOKS names unknown hook(s) [nope, also-nope] (accepted: comma list of ",
        "17|MESH_LOG|loud|MESH_LOG=loud is invalid (accepted: error|warn|info|debug); using info",
        "17|MESH_ENABLED|maybe|MESH_ENABLED=maybe is invalid (accepted: true|false); using true",
        "17|MESH_CONFIG|/no/such/file.yaml|MESH_CONFIG=/no/such/file.yaml is invalid (accepted: path to a readable file)",
        "17|MESH_INSTRUMENTATION_TEST_PROBE_ENABLED|yes|MESH_INSTRUMENTATION_TEST_PROBE_ENABLED=yes is invalid (accepted: true|false); using false",
        "25|MESH_XDS_PROTOCOL|quic|MESH_XDS_PROTOCOL=quic is invalid (accepted: sotw|delta); using sotw",
        "25|MESH_HOOKS|nope|MESH_HOOKS names unknown hook(s) [nope] (accepted: comma list of ",
      })
  void badValueIsReportedInOneLineAndTheAppRuns(
      int feature, String variable, String value, String expectedLine) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result plain = ForkedJvm.app(jdk, HELLO).run();
    ForkedJvm.Result result = ForkedJvm.app(jdk, HELLO).withMeshAgent().env(variable, value).run();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
    assertThat(result.stdout()).isEqualTo(plain.stdout());
    assertThat(result.meshLines())
        .as(result.toString())
        .filteredOn(line -> line.startsWith("[mesh] WARN "))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("[mesh] WARN " + expectedLine);
    assertThat(result.meshLines()).anyMatch(line -> line.contains(" started in "));
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void systemPropertyWinsOverEnvironmentAndIsNamedInMessages(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result good =
        ForkedJvm.app(jdk, HELLO)
            .withMeshAgent()
            .env("MESH_XDS_SERVER", "from-env:1")
            .sysProp("mesh.xds.server", "from-prop:15010")
            .env("MESH_XDS_PROTOCOL", "sotw")
            .sysProp("mesh.xds.protocol", "delta")
            .run();
    assertThat(good.meshLines())
        .as(good.toString())
        .anyMatch(line -> line.contains("config=xds delta://from-prop:15010"));

    ForkedJvm.Result bad =
        ForkedJvm.app(jdk, HELLO)
            .withMeshAgent()
            .env("MESH_XDS_PROTOCOL", "delta")
            .sysProp("mesh.xds.protocol", "grpc")
            .run();
    assertThat(bad.exitCode()).isEqualTo(7);
    assertThat(bad.meshLines())
        .as(bad.toString())
        .contains(
            "[mesh] WARN -Dmesh.xds.protocol=grpc is invalid (accepted: sotw|delta); using sotw");
  }
}
