package io.inmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent is invisible to an app when nothing is configured, and fully off when disabled. */
class AgentStartupForkedTest {
  private static final String HELLO = "io.inmesh.it.apps.HelloApp";
  private static final String PROBE = "io.inmesh.it.apps.ProbeApp";

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void appOutputAndExitCodeAreUnchangedWhenNothingIsConfigured(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result plain = ForkedJvm.app(jdk, HELLO).args("a", "b").run();
    ForkedJvm.Result meshed = ForkedJvm.app(jdk, HELLO).withMeshAgent().args("a", "b").run();

    assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(7);
    assertThat(meshed.exitCode()).as(meshed.toString()).isEqualTo(plain.exitCode());
    assertThat(meshed.stdout()).isEqualTo(plain.stdout()).contains("received=ping");
    assertThat(meshed.appStderr()).isEqualTo(plain.appStderr());
    // One startup line; other [mesh] lines may only be informational (no warning, no error).
    assertThat(meshed.meshLines())
        .as(meshed.toString())
        .allMatch(line -> line.startsWith("[mesh] INFO "))
        .filteredOn(line -> line.contains(" started in "))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .matches(
            "\\[mesh\\] INFO inmesh \\S+ started in \\d+ ms: hooks=\\[[a-z0-9., -]*\\],"
                + " config=none");
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void disabledAgentTransformsNothingAndLoadsNothing(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result result =
        ForkedJvm.app(jdk, PROBE)
            .withMeshAgent()
            .env("MESH_ENABLED", "false")
            .env("MESH_LOG", "debug")
            .env("MESH_TEST_PROBE", PROBE + "#work")
            .jvmArg("-verbose:class")
            .args("work", "3")
            .run();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("result=6", "helper=none");
    assertThat(result.meshLines())
        .containsExactly(
            "[mesh] INFO disabled by MESH_ENABLED=false: nothing is transformed or started");
    // Nothing but the premain class itself is loaded: no agent loader, no ByteBuddy, no
    // transformer.
    assertThat(result.stdout().lines().filter(line -> line.contains("io.inmesh.")))
        .as("classes loaded from mesh.jar")
        .allMatch(
            line -> line.contains("io.inmesh.bootstrap.MeshAgent ") || isProbeBridgeRead(line));
  }

  /** ProbeApp itself loads the bridge classes from mesh.jar on its class path to read counters. */
  private static boolean isProbeBridgeRead(String line) {
    return line.contains("io.inmesh.bootstrap.TestProbeBridge ")
        || line.contains("io.inmesh.bootstrap.HookErrors ")
        || line.contains("io.inmesh.bootstrap.CallDepth")
        || line.contains("io.inmesh.bootstrap.TestProbe ")
        || line.contains("io.inmesh.bootstrap.AgentThreads")
        || line.contains("io.inmesh.it.apps.");
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void enabledAgentListsItsTransformationsAtDebugLevel(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result result =
        ForkedJvm.app(jdk, PROBE)
            .withMeshAgent()
            .env("MESH_LOG", "debug")
            .env("MESH_TEST_PROBE", PROBE + "#work")
            .args("work", "3")
            .run();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("result=6", "fired=3", "errors=0");
    assertThat(result.meshLines())
        .as(result.toString())
        .contains(
            "[mesh] DEBUG transformed "
                + PROBE
                + " in jdk.internal.loader.ClassLoaders$AppClassLoader")
        .anyMatch(
            line ->
                line.matches("\\[mesh\\] INFO inmesh \\S+ started .*hooks=\\[.*test-probe.*\\].*"));
  }
}
