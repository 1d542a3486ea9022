package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo, headless, with the real agent: the split within bounds, the shift to v3
 * observed, a clean exit with no process left. Skipped until the agent routes java.net.http calls.
 */
class DemoForkedTest {
  @TempDir Path dir;

  @Test
  void theDemoShowsTheSplitAndTheShiftToV3AndEndsClean() throws Exception {
    Path agent = Path.of(System.getProperty("inmesh.agent.jar", "../../agent/target/mesh.jar"));
    String missing = MeshRouting.missingIn(agent);
    assumeThat(missing).as("skipped: %s", missing).isNull();

    DemoProcess demo =
        DemoProcess.run(
            dir, 200, "--agent", agent.toString(), "--quick", "--timeout-seconds", "180");

    assertThat(demo.exitCode).as(demo.output).isZero();
    assertThat(demo.report.getProperty("result")).isEqualTo("ok");
    // Phase 1: 300 requests split 50/30/20. Binomial sd of a share is under 3 points at this
    // size; 10 points of slack keeps a loaded machine from failing the test on chance alone.
    assertThat(share(demo, "phase1", "v1")).isBetween(0.40, 0.60);
    assertThat(share(demo, "phase1", "v2")).isBetween(0.20, 0.40);
    assertThat(share(demo, "phase1", "v3")).isBetween(0.10, 0.30);
    // v1 fails 20 % on purpose with 2 retries on 5xx: most of those must have been saved.
    assertThat(Integer.parseInt(demo.report.getProperty("phase1.savedByRetries"))).isPositive();
    // The agents' own counters, scraped from their Prometheus endpoints: every saved request took
    // at least one retry, and v1's pairs of 5xx get it ejected (consecutive5xx: 2; a few times in
    // a phase, the ejection time growing with each).
    assertThat(demo.report.getProperty("phase1.agent.read"))
        .as("%s", demo.report.getProperty("phase1.agent.unreadable"))
        .isEqualTo("true");
    assertThat(count(demo, "phase1.agent.retries"))
        .isGreaterThanOrEqualTo(count(demo, "phase1.savedByRetries"));
    // v1 for sure; on a loaded machine a per-try timeout run can eject another cluster as well.
    assertThat(count(demo, "phase1.agent.ejections.reviews.v1")).isPositive();
    assertThat(count(demo, "phase1.agent.ejections"))
        .isGreaterThanOrEqualTo(count(demo, "phase1.agent.ejections.reviews.v1"));
    // Every injected abort reached the app as a local reply (the app's row may also hold other
    // local replies, such as an upstream timeout on a loaded machine).
    assertThat(count(demo, "phase1.agent.faults"))
        .isGreaterThanOrEqualTo(count(demo, "phase1.agent.faults.abort"));
    assertThat(Long.parseLong(demo.report.getProperty("phase1.agent.faults.abort", "0")))
        .isLessThanOrEqualTo(count(demo, "phase1.outcome.INJECTED_ABORT"));
    // ratings' breaker refusals the reviews apps saw are the agents' overflows on ratings.
    assertThat(Long.parseLong(demo.report.getProperty("phase1.agent.overflows.ratings.v1", "0")))
        .isGreaterThanOrEqualTo(count(demo, "phase1.ratingsOverflows"));
    assertThat(demo.output).contains("ejections (agent metrics)");
    assertThat(demo.report.getProperty("change.observed")).isEqualTo("true");
    // Phase 2 starts after ten answers in a row from v3: everything answered is v3.
    assertThat(share(demo, "phase2", "v3")).isGreaterThanOrEqualTo(0.99);
    assertThat(demo.output).contains("Phase 1: reviews split v1 50 / v2 30 / v3 20");
    assertThat(demo.output).contains("Phase 2: reviews split v3 100");
    demo.assertNoChildLeft(6);
  }

  private static long count(DemoProcess demo, String key) {
    String value = demo.report.getProperty(key);
    assertThat(value).as("%s in the report file; output:\n%s", key, demo.output).isNotNull();
    return Long.parseLong(value);
  }

  private static double share(DemoProcess demo, String phase, String version) {
    return Double.parseDouble(demo.report.getProperty(phase + ".share." + version, "0"));
  }
}
