package io.polyhost.host.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BlockTimesTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void aBlockTakesTheClockInWholeMicroseconds() {
    SettableClock clock = new SettableClock(T.plusNanos(1_234_567));
    BlockTimes times = new BlockTimes(clock, T);
    assertThat(times.next()).isEqualTo(T.plusNanos(1_234_000));
  }

  @Test
  void aClockBehindThePreviousBlockGivesOneMicrosecondMore() {
    SettableClock clock = new SettableClock(T.minusSeconds(5));
    BlockTimes times = new BlockTimes(clock, T);
    assertThat(times.next()).isEqualTo(T.plus(BlockTimes.STEP));
    assertThat(times.next()).isEqualTo(T.plus(BlockTimes.STEP.multipliedBy(2)));
    clock.set(T.plusSeconds(1));
    assertThat(times.next()).isEqualTo(T.plusSeconds(1));
  }

  @Test
  void aClockEqualToThePreviousBlockStillMovesOn() {
    SettableClock clock = new SettableClock(T);
    BlockTimes times = new BlockTimes(clock, T.plusNanos(999));
    assertThat(times.next()).isEqualTo(T.plus(BlockTimes.STEP)).isAfter(T.plusNanos(999));
  }
}
