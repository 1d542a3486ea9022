package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  static PhaseResult recorded() {
    Map<String, Integer> answered = new LinkedHashMap<>();
    answered.put("v1", 141);
    answered.put("v2", 86);
    answered.put("v3", 55);
    Map<String, Long> hits = new LinkedHashMap<>();
    hits.put("v1", 181L);
    hits.put("v2", 88L);
    hits.put("v3", 57L);
    Map<Outcome, Integer> outcomes = new java.util.EnumMap<>(Outcome.class);
    outcomes.put(Outcome.ANSWERED, 282);
    outcomes.put(Outcome.UPSTREAM_FAILED, 2);
    outcomes.put(Outcome.INJECTED_ABORT, 9);
    outcomes.put(Outcome.OVERFLOW, 1);
    return new PhaseResult(
        "Phase 1: reviews split v1 50 / v2 30 / v3 20",
        DemoMesh.shares(DemoMesh.FIRST_SPLIT),
        294,
        6,
        4_200,
        answered,
        hits,
        outcomes,
        36,
        12,
        4,
        63);
  }

  @Test
  void formatsTheSplitAndTheOutcomesAsATable() {
    assertThat(Report.format(recorded()))
        .isEqualTo(
            """
            == Phase 1: reviews split v1 50 / v2 30 / v3 20 ==
               294 requests in 4.2 s (70 req/s), 6 at a time

               version  configured  answered    share  upstream hits
               v1            50.0%       141    50.0%            181
               v2            30.0%        86    30.5%             88
               v3            20.0%        55    19.5%             57

               answered by reviews                           282
               retries that saved a request                   36  (failed upstream, then answered)
               upstream 5xx that reached the app               2
               injected aborts (mesh fault)                    9
               breaker overflows (x-envoy-overloaded)          1  (ratings calls refused: 12)
               no healthy upstream                             0
               no answer (error in the app's client)           0
               ejections                                     n/a  (reported by the agent's metrics, not visible to the app)
               reviews call latency p50 / p99             4 ms / 63 ms
            """);
  }

  @Test
  void versionsThatGotNoTrafficStillShowTheirConfiguredShare() {
    PhaseResult r =
        new PhaseResult(
            "Phase 2",
            DemoMesh.shares(DemoMesh.SECOND_SPLIT),
            10,
            1,
            0,
            Map.of("v3", 10),
            Map.of(),
            Map.of(Outcome.ANSWERED, 10),
            0,
            0,
            0,
            0);
    String text = Report.format(r);
    assertThat(text).contains("   v1             0.0%         0     0.0%              -\n");
    assertThat(text).contains("   v3           100.0%        10   100.0%              -\n");
    assertThat(text).contains("10 requests in 0.0 s (0 req/s), 1 at a time");
  }

  @Test
  void theReportFileCarriesTheSameNumbers() {
    String text = new ReportFile().phase("phase1", recorded()).put("change.observed", true).text();
    assertThat(text)
        .contains("phase1.requests=294\n")
        .contains("phase1.answered.v1=141\n")
        .contains("phase1.share.v2=0.3050\n")
        .contains("phase1.configured.v3=0.2000\n")
        .contains("phase1.upstreamHits.v1=181\n")
        .contains("phase1.outcome.INJECTED_ABORT=9\n")
        .contains("phase1.outcome.NO_ANSWER=0\n")
        .contains("phase1.savedByRetries=36\n")
        .contains("change.observed=true\n");
  }
}
