package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        63,
        new AgentCounters(
            null,
            41,
            Map.of("abort", 9L, "delay", 20L),
            Map.of("ratings v1", 12L, "reviews v1", 1L),
            Map.of("reviews v1", 3L)));
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
               retries (agent metrics)                        41  (retry attempts made)
               upstream 5xx that reached the app               2
               injected aborts (mesh fault)                    9
               injected faults (agent metrics)                29  (abort 9, delay 20)
               breaker overflows (x-envoy-overloaded)          1  (ratings calls refused: 12)
               breaker overflows (agent metrics)              13  (ratings v1 12, reviews v1 1)
               no healthy upstream                             0
               no answer (error in the app's client)           0
               ejections (agent metrics)                       3  (reviews v1 3)
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
  void agentMetricsThatCouldNotBeReadShowAsNotAvailableWithTheReason() {
    PhaseResult r =
        recorded().withAgent(AgentCounters.unreadable("cannot scrape productpage-v1: refused"));
    String text = Report.format(r);
    assertThat(text)
        .contains("   retries (agent metrics)                       n/a\n")
        .contains("   ejections (agent metrics)                     n/a\n")
        .contains("   (agent metrics not read: cannot scrape productpage-v1: refused)\n")
        .contains("retries that saved a request                   36");
    assertThat(new ReportFile().phase("p", r).text())
        .contains("p.agent.read=false\n")
        .contains("p.agent.unreadable=cannot scrape productpage-v1: refused\n")
        .doesNotContain("p.agent.retries");
  }

  @Test
  void phaseCountsAreTheDifferenceOfTwoScrapesSummedOverProcesses() {
    String productpage =
        """
        # TYPE inmesh_retries_total counter
        inmesh_retries_total{cluster="outbound|9080|v1|reviews",otel_scope_name="io.inmesh.engine",route="outbound|9080||reviews"} 5 1700000000000
        inmesh_faults_total{cluster="outbound|9080|v1|reviews",kind="abort",route="r"} 2
        inmesh_outlier_ejections_total{cluster="outbound|9080|v1|reviews",reason="consecutive_5xx"} 1
        inmesh_request_duration_seconds_bucket{cluster="c",le="+Inf",outcome="success",route="r"} 40
        """;
    String reviews =
        """
        inmesh_faults_total{cluster="outbound|9080|v1|ratings",kind="delay",route="r"} 3
        inmesh_circuit_breaker_overflows_total{cluster="outbound|9080|v1|ratings",resource="requests"} 4
        """;
    AgentCounters before =
        AgentCounters.of(PrometheusText.parse(productpage))
            .plus(AgentCounters.of(PrometheusText.parse(reviews)));
    assertThat(before.retries()).isEqualTo(5);
    assertThat(before.faults()).containsExactly(Map.entry("abort", 2L), Map.entry("delay", 3L));
    assertThat(before.overflows()).containsExactly(Map.entry("ratings v1", 4L));
    String later =
        productpage
            .replace("} 5 ", "} 12 ")
            .replace("consecutive_5xx\"} 1", "consecutive_5xx\"} 4")
            .replace(
                "kind=\"abort\",route=\"r\"} 2",
                "kind=\"abort\",route=\"r\"} 2\n"
                    + "inmesh_outlier_ejections_total{cluster=\"outbound|9080|v2|reviews\",reason=\"x\"} 1");
    AgentCounters after =
        AgentCounters.of(PrometheusText.parse(later))
            .plus(AgentCounters.of(PrometheusText.parse(reviews)));
    AgentCounters phase = after.since(before);
    assertThat(phase.read()).isTrue();
    assertThat(phase.retries()).isEqualTo(7);
    assertThat(phase.faultsTotal()).isZero();
    assertThat(phase.overflowsTotal()).isZero();
    assertThat(phase.ejections())
        .containsExactly(Map.entry("reviews v1", 3L), Map.entry("reviews v2", 1L));
    assertThat(AgentCounters.unreadable("x").since(before).read()).isFalse();
    assertThat(after.since(AgentCounters.unreadable("y")).unreadable()).isEqualTo("y");
  }

  @Test
  void metricsTextThatIsNotPrometheusIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> PrometheusText.parse("# ok\ninmesh_retries_total{cluster=\"a} 1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    assertThat(
            PrometheusText.parse("m{a=\"x\\\"y\",b=\"z\"} 2.5\n")
                .sum("m", l -> l.get("a").equals("x\"y")))
        .isEqualTo(2.5);
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
        .contains("phase1.agent.read=true\n")
        .contains("phase1.agent.retries=41\n")
        .contains("phase1.agent.faults.delay=20\n")
        .contains("phase1.agent.overflows=13\n")
        .contains("phase1.agent.overflows.ratings.v1=12\n")
        .contains("phase1.agent.ejections=3\n")
        .contains("phase1.agent.ejections.reviews.v1=3\n")
        .contains("change.observed=true\n");
  }
}
