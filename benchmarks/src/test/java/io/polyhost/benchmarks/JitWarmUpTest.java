package io.polyhost.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {
  @Test
  void runsTheMinimumRoundsEvenWhenTimeIsUp() {
    AtomicInteger runs = new AtomicInteger();

    JitWarmUp.Outcome outcome = JitWarmUp.untilQuiet("test", runs::incrementAndGet, 5, 0);

    assertThat(outcome.rounds()).isEqualTo(5);
    assertThat(runs).hasValue(5);
  }

  @Test
  void stopsOnceRoundsAddNoCompilation() {
    AtomicInteger runs = new AtomicInteger();

    // A round that compiles nothing new: the JIT is quiet within a few rounds, long before the cap.
    JitWarmUp.Outcome outcome = JitWarmUp.untilQuiet("test", runs::incrementAndGet, 0, 600);

    assertThat(outcome.quiet()).isTrue();
    assertThat(outcome.rounds()).isGreaterThanOrEqualTo(JitWarmUp.QUIET_ROUNDS);
    assertThat(runs).hasValue(outcome.rounds());
  }

  @Test
  void refusesNegativeBounds() {
    assertThatThrownBy(() -> JitWarmUp.untilQuiet("test", () -> {}, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JitWarmUp.untilQuiet("test", () -> {}, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
