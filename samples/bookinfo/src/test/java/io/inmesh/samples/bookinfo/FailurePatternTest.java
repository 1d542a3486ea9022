package io.inmesh.samples.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailurePatternTest {
  @Test
  void failsExactlyTheShareAskedForInEveryHundred() {
    for (int percent : new int[] {0, 1, 30, 33, 50, 99, 100}) {
      FailurePattern p = new FailurePattern(percent);
      for (int block = 0; block < 3; block++) {
        int failed = 0;
        for (int i = 0; i < 100; i++) {
          failed += p.nextFails() ? 1 : 0;
        }
        assertThat(failed).as("percent %d block %d", percent, block).isEqualTo(percent);
      }
    }
  }

  @Test
  void spreadsFailuresInsteadOfBunchingThem() {
    FailurePattern p = new FailurePattern(50);
    for (int i = 0; i < 20; i++) {
      assertThat(p.nextFails()).isNotEqualTo(p.nextFails());
    }
  }

  @Test
  void burstsFailInRunsAndKeepTheShare() {
    FailurePattern p = new FailurePattern(20, 2);
    StringBuilder first = new StringBuilder();
    int failed = 0;
    for (int i = 0; i < 200; i++) {
      boolean fails = p.nextFails();
      failed += fails ? 1 : 0;
      if (i < 20) {
        first.append(fails ? 'x' : '.');
      }
    }
    assertThat(first.toString()).isEqualTo("........xx........xx");
    assertThat(failed).isEqualTo(40);
  }

  @Test
  void rejectsImpossibleShares() {
    assertThatThrownBy(() -> new FailurePattern(101)).hasMessageContaining("0..100");
    assertThatThrownBy(() -> new FailurePattern(20, 0)).hasMessageContaining("burst");
  }
}
