package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhaseRecorderTest {
  @Test
  void countsVersionsOutcomesRetriesSavedAndLatency() {
    PhaseRecorder r = new PhaseRecorder(10);
    for (int i = 0; i < 6; i++) {
      r.record("a" + i, page("200", "v1", String.valueOf(i + 1)));
    }
    r.record("b0", page("200", "v3", "100"));
    r.record("c0", page("503", "v1", "7"));
    r.record(
        "d0", Map.of("reviews.status", "503", "reviews.version", "none", "reviews.millis", "1"));
    r.record(
        "e0",
        Map.of(
            "reviews.status",
            "200",
            "reviews.version",
            "v2",
            "reviews.millis",
            "2",
            "ratings.overloaded",
            "true"));

    // a1 and a2 failed once upstream and were answered: saved; c0 failed and stayed failed.
    PhaseResult result =
        r.finish(
            "t",
            DemoMesh.shares(DemoMesh.FIRST_SPLIT),
            2,
            1000,
            Map.of("v1", 9L),
            Set.of("a1", "a2", "c0"));

    assertThat(result.requests()).isEqualTo(10);
    assertThat(result.answered())
        .containsExactly(Map.entry("v1", 6), Map.entry("v2", 1), Map.entry("v3", 1));
    assertThat(result.outcomes())
        .containsEntry(Outcome.ANSWERED, 8)
        .containsEntry(Outcome.UPSTREAM_FAILED, 1)
        .containsEntry(Outcome.INJECTED_ABORT, 1);
    assertThat(result.savedByRetries()).isEqualTo(2);
    assertThat(result.ratingsOverflows()).isEqualTo(1);
    assertThat(result.share("v1")).isEqualTo(0.75);
    // millis sorted: 1 1 2 2 3 4 5 6 7 100
    assertThat(result.p50Millis()).isEqualTo(3);
    assertThat(result.p99Millis()).isEqualTo(100);
  }

  private static Map<String, String> page(String status, String version, String millis) {
    return Map.of("reviews.status", status, "reviews.version", version, "reviews.millis", millis);
  }
}
