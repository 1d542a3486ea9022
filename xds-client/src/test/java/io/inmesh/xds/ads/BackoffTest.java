package io.inmesh.xds.ads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesWithJitterUpToTheCapAndResets() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    long[] ms = new long[8];
    for (int i = 0; i < ms.length; i++) {
      ms[i] = TimeUnit.NANOSECONDS.toMillis(backoff.nextNanos());
    }
    assertThat(ms[0]).isBetween(80L, 120L);
    assertThat(ms[1]).isBetween(160L, 240L);
    assertThat(ms[2]).isBetween(320L, 480L);
    assertThat(ms[7]).isEqualTo(2000L);
    backoff.reset();
    assertThat(TimeUnit.NANOSECONDS.toMillis(backoff.nextNanos())).isBetween(80L, 120L);
  }

  @Test
  void jitterSpreadsClients() {
    java.util.Set<Long> firsts = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      firsts.add(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)).nextNanos());
    }
    assertThat(firsts.size()).isGreaterThan(15);
  }
}
