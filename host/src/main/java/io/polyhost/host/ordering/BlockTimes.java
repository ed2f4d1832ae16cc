package io.polyhost.host.ordering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Block timestamps: the clock's reading in whole microseconds, but always at least one microsecond
 * after the previous block's, so that block times strictly increase even if the node's clock is set
 * back (NTP step, virtual machine restore).
 *
 * <p>Microseconds because that is the finest step that survives every timestamp type clients are
 * likely to parse them into; a backwards clock therefore costs a microsecond per block until the
 * clock catches up, never a block with an earlier time.
 */
final class BlockTimes {
  /** The smallest step between consecutive block times. */
  static final Duration STEP = Duration.of(1, ChronoUnit.MICROS);

  private final Clock clock;
  private Instant previous;

  BlockTimes(Clock clock, Instant previous) {
    this.clock = clock;
    this.previous = previous;
  }

  /** The time of the next block. */
  Instant next() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant earliest = previous.truncatedTo(ChronoUnit.MICROS).plus(STEP);
    previous = now.isBefore(earliest) ? earliest : now;
    return previous;
  }
}
