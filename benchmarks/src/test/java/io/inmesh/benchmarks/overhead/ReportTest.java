package io.inmesh.benchmarks.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic (medians, paired differences, ratios) and the options' validation. */
class ReportTest {
  private static RunResult run(String variant, int round, double p50, double callsPerSec) {
    return new RunResult(
        variant, "jdk", round, Map.of("fixedP50Us", p50, "satCallsPerSec", callsPerSec));
  }

  @Test
  void mediansAreOverRoundsAndDifferencesArePairedWithinARound() {
    Options options = Options.parse("--agent", "mesh.jar", "--rounds", "3");
    OverheadReport report =
        new OverheadReport(
            options,
            "today",
            Map.of(),
            List.of("direct", "mesh"),
            List.of(
                run("direct", 1, 200, 1000),
                run("mesh", 1, 210, 990),
                run("direct", 2, 300, 900),
                run("mesh", 2, 330, 870),
                run("direct", 3, 250, 800),
                run("mesh", 3, 251, 700)),
            List.of(),
            List.of());

    assertThat(report.median("mesh", "jdk", "fixedP50Us")).hasValue(251);
    // Per round: +10, +30, +1 -> median +10 (the unpaired difference of medians would be +1).
    assertThat(report.medianDelta("mesh", "jdk", "fixedP50Us")).hasValue(10);
    assertThat(report.ratio("mesh", "jdk", "satCallsPerSec")).hasValue(870.0 / 900.0);
    assertThat(report.median("otel", "jdk", "fixedP50Us")).isEmpty();
  }

  @Test
  void quickDefaultsAndBadArgumentsAreExplained() {
    Options quick = Options.parse("--quick", "--agent", "m.jar");
    assertThat(quick.rounds()).isEqualTo(1);
    assertThat(quick.clients()).containsExactly("jdk");
    assertThat(quick.meshAgent()).isEqualTo(Path.of("m.jar"));
    assertThatThrownBy(() -> Options.parse("--quick"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--agent is required");
    assertThatThrownBy(() -> Options.parse("--agent", "m.jar", "--clients", "curl"))
        .hasMessageContaining("unknown client curl");
    assertThatThrownBy(() -> Options.parse("--agent", "m.jar", "--variants", "mesh"))
        .hasMessageContaining("baseline");
  }

  @Test
  void resultLineParsesAndBackendPathsAreCountedByFirstSegment() {
    assertThat(ClientRun.parse("RESULT a=1.5 b=2")).containsEntry("a", 1.5).containsEntry("b", 2.0);
    assertThatThrownBy(() -> ClientRun.parse("RESULT a")).hasMessageContaining("bad RESULT field");
    assertThat(Backend.firstSegment("/mesh")).isEqualTo("mesh");
    assertThat(Backend.firstSegment("/mesh/x/y")).isEqualTo("mesh");
    assertThat(Backend.firstSegment("/")).isEmpty();
  }
}
