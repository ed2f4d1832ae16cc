package io.polyhost.host.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CutRuleTest {
  private static final long MS = 1_000_000;

  /** Arrivals paused long ago: the threshold makes no difference then. */
  private static final long LONG_AGO = 3_600_000 * MS;

  private static CutRule rule(boolean emptyBlocks) {
    return new CutRule(
        new EmbeddedOrderingConfig(10, Duration.ofMillis(10), Duration.ofMillis(200), emptyBlocks));
  }

  @Test
  void aFullBlockIsCutAtOnce() {
    assertThat(rule(false).nanosToWait(0, 10, true, LONG_AGO)).isZero();
    assertThat(rule(true).nanosToWait(0, 25, true, LONG_AGO)).isZero();
  }

  @Test
  void fewerTransactionsWaitForTheMinimumDelay() {
    assertThat(rule(false).nanosToWait(4 * MS, 3, true, LONG_AGO)).isEqualTo(6 * MS);
    assertThat(rule(true).nanosToWait(4 * MS, 3, true, LONG_AGO)).isEqualTo(6 * MS);
    assertThat(rule(false).nanosToWait(10 * MS, 3, true, LONG_AGO)).isZero();
    assertThat(rule(false).nanosToWait(500 * MS, 1, true, LONG_AGO)).isZero();
  }

  @Test
  void anEmptyPoolWaitsForTheIntervalOrForever() {
    assertThat(rule(true).nanosToWait(50 * MS, 0, true, LONG_AGO)).isEqualTo(150 * MS);
    assertThat(rule(true).nanosToWait(200 * MS, 0, true, LONG_AGO)).isZero();
    assertThat(rule(false).nanosToWait(50 * MS, 0, true, LONG_AGO)).isEqualTo(CutRule.UNTIL_WOKEN);
    assertThat(rule(false).nanosToWait(5_000 * MS, 0, true, LONG_AGO))
        .isEqualTo(CutRule.UNTIL_WOKEN);
  }

  @Test
  void stateThatAwaitsBlocksTurnsEmptyBlocksOnWhileItLasts() {
    boolean[] awaits = {true};
    CutRule rule =
        new CutRule(
            new EmbeddedOrderingConfig(10, Duration.ofMillis(10), Duration.ofMillis(200), false),
            () -> awaits[0]);
    assertThat(rule.nanosToWait(50 * MS, 0, true, LONG_AGO)).isEqualTo(150 * MS);
    assertThat(rule.emptyBlockDue(200 * MS)).isTrue();
    awaits[0] = false;
    assertThat(rule.nanosToWait(50 * MS, 0, true, LONG_AGO)).isEqualTo(CutRule.UNTIL_WOKEN);
    assertThat(rule.emptyBlockDue(200 * MS)).isFalse();
  }

  @Test
  void aPoolOfFailingTransactionsCountsAsEmptyUntilNewOnesArrive() {
    assertThat(rule(false).nanosToWait(50 * MS, 40, false, LONG_AGO))
        .isEqualTo(CutRule.UNTIL_WOKEN);
    assertThat(rule(true).nanosToWait(50 * MS, 40, false, LONG_AGO)).isEqualTo(150 * MS);
  }

  @Test
  void emptyBlocksAreDueOnlyWhenOnAndAfterTheInterval() {
    assertThat(rule(true).emptyBlockDue(199 * MS)).isFalse();
    assertThat(rule(true).emptyBlockDue(200 * MS)).isTrue();
    assertThat(rule(false).emptyBlockDue(10_000 * MS)).isFalse();
  }

  private static CutRule withThreshold(int threshold) {
    return new CutRule(
        new EmbeddedOrderingConfig(
            1000, Duration.ofMillis(10), Duration.ofMillis(200), threshold, false));
  }

  @Test
  void aBlockWaitsForMoreWhileTransactionsKeepArrivingUpToTheThreshold() {
    CutRule rule = withThreshold(500);
    // 300 wait, the last arrived 2 ms ago: wait until arrivals have paused for 10 ms.
    assertThat(rule.nanosToWait(50 * MS, 300, true, 2 * MS)).isEqualTo(8 * MS);
    // Arrivals paused for the delay: cut.
    assertThat(rule.nanosToWait(50 * MS, 300, true, 10 * MS)).isZero();
    // Above the threshold: cut once the delay since the previous block has passed.
    assertThat(rule.nanosToWait(50 * MS, 501, true, 0)).isZero();
    assertThat(rule.nanosToWait(4 * MS, 501, true, 0)).isEqualTo(6 * MS);
    // Never before the delay, however quiet the pool.
    assertThat(rule.nanosToWait(4 * MS, 300, true, LONG_AGO)).isEqualTo(6 * MS);
  }

  @Test
  void aSteadyStreamBelowTheThresholdIsCutAtTheInterval() {
    CutRule rule = withThreshold(500);
    assertThat(rule.nanosToWait(195 * MS, 300, true, 0)).isEqualTo(5 * MS);
    assertThat(rule.nanosToWait(200 * MS, 300, true, 0)).isZero();
  }

  @Test
  void withoutAThresholdEveryBlockIsCutAfterTheDelay() {
    CutRule rule = withThreshold(0);
    assertThat(rule.nanosToWait(50 * MS, 1, true, 0)).isZero();
    assertThat(rule.nanosToWait(4 * MS, 1, true, 0)).isEqualTo(6 * MS);
  }

  @Test
  void aFullBlockIsCutAtOnceWhateverTheThreshold() {
    assertThat(withThreshold(5000).nanosToWait(0, 1000, true, 0)).isZero();
  }
}
