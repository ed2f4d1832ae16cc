package io.polyhost.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadReportTest {
  @Test
  void percentilesAreNearestRankInMilliseconds() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[99 - i] = (i + 1) * 1_000_000L; // 1..100 ms, in reverse order
    }

    double[] p = LoadReport.percentilesMillis(nanos, 50, 90, 99, 100);

    assertThat(p).containsExactly(50, 90, 99, 100);
    assertThat(nanos[0]).as("the input is left as it was").isEqualTo(100_000_000L);
  }

  @Test
  void percentilesOfOneOrNoLatency() {
    assertThat(LoadReport.percentilesMillis(new long[] {3_000_000}, 1, 50, 100))
        .containsExactly(3, 3, 3);
    assertThat(LoadReport.percentilesMillis(new long[0], 50)).containsExactly(0);
  }
}
