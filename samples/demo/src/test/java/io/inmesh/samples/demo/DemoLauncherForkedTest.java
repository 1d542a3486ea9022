package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's plumbing with an agent that routes nothing: the control plane and all five
 * services start under -javaagent and become healthy, the missing routing is reported clearly, and
 * every child is gone afterwards — on failure and on the hard timeout alike.
 */
class DemoLauncherForkedTest {
  @TempDir Path dir;

  @Test
  void withoutMeshRoutingItSaysSoAndLeavesNothingBehind() throws Exception {
    DemoProcess demo =
        DemoProcess.run(
            dir,
            120,
            "--agent",
            NoopAgent.jar(dir).toString(),
            "--quick",
            "--start-timeout-seconds",
            "15",
            "--timeout-seconds",
            "100");
    // The first routed answer can never come: the warm-up gives up after the start timeout.
    assertThat(demo.exitCode).as(demo.output).isEqualTo(1);
    assertThat(demo.output)
        .contains("started control plane on 127.0.0.1:")
        .contains(
            "started productpage, reviews v1 (fails 20 % on purpose, two in a row), v2, v3 and ratings")
        .contains("demo failed: productpage never got an answer from reviews through the mesh")
        .contains("does the agent route java.net.http calls to service names yet?");
    assertThat(demo.report.getProperty("result"))
        .startsWith("failed: productpage never got an answer");
    demo.assertNoChildLeft(6); // control plane + five services
  }

  @Test
  void theHardTimeoutStopsEverything() throws Exception {
    DemoProcess demo =
        DemoProcess.run(
            dir,
            90,
            "--agent",
            NoopAgent.jar(dir).toString(),
            "--quick",
            "--start-timeout-seconds",
            "60",
            "--timeout-seconds",
            "12");
    assertThat(demo.exitCode).as(demo.output).isEqualTo(3);
    assertThat(demo.output).contains("demo: hard timeout of 12 s reached; stopping");
    assertThat(demo.report.getProperty("result")).isEqualTo("timeout");
    // Usually all six are up by then; on a slow machine the timeout may strike during start-up.
    demo.assertNoChildLeft(1);
  }

  @Test
  void aMissingAgentJarIsAClearError() throws Exception {
    DemoProcess demo = DemoProcess.run(dir, 60, "--agent", dir.resolve("nope.jar").toString());
    assertThat(demo.exitCode).isEqualTo(1);
    assertThat(demo.output)
        .contains("does not exist; build it with ./mvnw -B -pl agent -am install");
  }
}
