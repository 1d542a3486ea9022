package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeTest {
  @Test
  void classifiesWhoAnsweredAndHow() {
    assertThat(Outcome.of(Map.of("reviews.status", "200", "reviews.version", "v2")))
        .isEqualTo(Outcome.ANSWERED);
    assertThat(Outcome.of(Map.of("reviews.status", "503", "reviews.version", "v1")))
        .isEqualTo(Outcome.UPSTREAM_FAILED);
    assertThat(
            Outcome.of(
                Map.of(
                    "reviews.status",
                    "503",
                    "reviews.version",
                    "none",
                    "reviews.body",
                    "fault filter abort")))
        .isEqualTo(Outcome.INJECTED_ABORT);
    assertThat(
            Outcome.of(
                Map.of(
                    "reviews.status",
                    "503",
                    "reviews.version",
                    "none",
                    "reviews.overloaded",
                    "true")))
        .isEqualTo(Outcome.OVERFLOW);
    assertThat(
            Outcome.of(
                Map.of(
                    "reviews.status",
                    "503",
                    "reviews.version",
                    "none",
                    "reviews.body",
                    "no healthy upstream")))
        .isEqualTo(Outcome.NO_HEALTHY_UPSTREAM);
    assertThat(Outcome.of(Map.of("reviews.status", "0", "reviews.error", "UnknownHostException")))
        .isEqualTo(Outcome.NO_ANSWER);
    assertThat(Outcome.of(Map.of())).isEqualTo(Outcome.NO_ANSWER);
  }
}
