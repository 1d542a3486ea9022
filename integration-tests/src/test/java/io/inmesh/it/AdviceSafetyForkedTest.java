package io.inmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test-probe hook, woven by the real agent into app and JDK classes, proves the framework's
 * safety properties: advice errors are counted and logged once and never reach the app, nested
 * calls fire once, agent threads are bypassed, bootstrap classes can be hooked, helpers are
 * injected, and runtime attach works.
 */
class AdviceSafetyForkedTest {
  private static final String PROBE = "io.inmesh.it.apps.ProbeApp";

  @ParameterizedTest(name = "JDK {0}: {1} {2}")
  @CsvSource({
    "17, work, io.inmesh.it.apps.ProbeApp#work",
    "17, dns, java.net.InetAddress#getAllByName",
    "17, nio, sun.nio.ch.SocketChannelImpl#connect",
    "25, work, io.inmesh.it.apps.ProbeApp#work",
    "25, dns, java.net.InetAddress#getAllByName",
    "25, nio, sun.nio.ch.SocketChannelImpl#connect"
  })
  void failingAdviceIsCountedLoggedOnceAndTheCallSucceeds(int feature, String mode, String target)
      throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result result =
        ForkedJvm.app(jdk, PROBE)
            .withMeshAgent()
            .env("MESH_TEST_PROBE", target)
            .env("MESH_TEST_PROBE_FAIL", "true")
            // InetAddress is loaded before main (the DNS hook is woven then), so a ByteBuddy hook
            // on it arrives by retransformation, maybe after main started: wait for it.
            .sysProp("probe.await", String.valueOf(mode.equals("dns")))
            .args(mode, "3")
            .run();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    // work: 1+2+3; dns and nio: 3 successful calls. Nested overloads fired once per outer call.
    assertThat(result.stdout())
        .as(result.toString())
        .contains(mode.equals("work") ? "result=6" : "result=3", "fired=3", "errors=3");
    assertThat(result.meshLines().stream().filter(line -> line.contains("hook test-probe failed")))
        .as(result.toString())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("[mesh] WARN hook test-probe failed")
        .contains("IllegalStateException: test-probe forced failure");
    assertThat(result.stderr()).doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void selfCheckConfirmsTheBootstrapHookFired(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result result =
        ForkedJvm.app(jdk, PROBE)
            .withMeshAgent()
            .env("MESH_LOG", "debug")
            .env("MESH_TEST_PROBE", "java.net.InetAddress#getAllByName")
            // The agent loads InetAddress before main (its DNS hook is woven then), so this
            // ByteBuddy hook arrives by retransformation, after main may have started.
            .sysProp("probe.await", "true")
            .args("dns", "2")
            .run();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("fired=2", "errors=0");
    assertThat(result.meshLines())
        .contains("[mesh] DEBUG self-check: hook test-probe fired on [java.net.InetAddress]")
        .contains("[mesh] DEBUG transformed java.net.InetAddress in bootstrap (retransformed)");
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void agentThreadsBypassHooks(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result result =
        ForkedJvm.app(jdk, PROBE)
            .withMeshAgent()
            .env("MESH_TEST_PROBE", PROBE + "#work")
            .args("agent-thread", "3")
            .run();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("result=6", "fired=0");
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void helperClassesAreInjectedIntoTheAppLoader(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result result =
        ForkedJvm.app(jdk, PROBE)
            .withMeshAgent()
            .env("MESH_TEST_PROBE", PROBE + "#work")
            .args("work", "1")
            .run();

    assertThat(result.stdout()).as(result.toString()).contains("helper=injected by inmesh");
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(ints = {17, 25})
  void runtimeAttachRetransformsLoadedClasses(int feature) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result result =
        ForkedJvm.app(jdk, "io.inmesh.it.apps.AttachApp")
            .jvmArg("-Djdk.attach.allowAttachSelf=true")
            .jvmArg("-XX:+EnableDynamicAgentLoading")
            .env("MESH_TEST_PROBE", PROBE + "#work")
            .args(ForkedJvm.meshJar().toString(), "work", "2")
            .run();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("before attach 1", "result=3", "fired=2");
    assertThat(result.meshLines())
        .anyMatch(line -> line.matches("\\[mesh\\] INFO inmesh \\S+ started \\(attached\\).*"));
  }

  /**
   * By default ByteBuddy starts after main does; the main class here is the hooked class, loaded
   * right after premain, so it must wait for the hooks and its bridge rather than run unhooked.
   */
  @ParameterizedTest(name = "JDK {0}, MESH_STARTUP={1}")
  @CsvSource({"17, async", "25, async", "17, sync", "25, sync"})
  void aClassLoadedWhileHooksAreBuiltWaitsForThem(int feature, String startup) throws Exception {
    Jdk jdk = Jdk.require(feature);
    ForkedJvm.Result result =
        ForkedJvm.app(jdk, PROBE)
            .withMeshAgent()
            .env("MESH_STARTUP", startup)
            .env("MESH_TEST_PROBE", PROBE + "#work")
            .env("MESH_TEST_PROBE_FAIL", "true")
            .args("work", "3")
            .run();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).as(result.toString()).contains("result=6", "fired=3", "errors=3");
    assertThat(result.meshLines())
        .anyMatch(line -> line.matches("\\[mesh\\] INFO inmesh \\S+ started in \\d+ ms: .*"));
  }
}
