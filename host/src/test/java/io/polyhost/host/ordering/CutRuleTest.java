package io.polyhost.host.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CutRuleTest {
  private static final long MS = 1_000_000;

  private static CutRule rule(boolean emptyBlocks) {
    return new CutRule(
        new EmbeddedOrderingConfig(10, Duration.ofMillis(10), Duration.ofMillis(200), emptyBlocks));
  }

  @Test
  void aFullBlockIsCutAtOnce() {
    assertThat(rule(false).nanosToWait(0, 10, true)).isZero();
    assertThat(rule(true).nanosToWait(0, 25, true)).isZero();
  }

  @Test
  void fewerTransactionsWaitForTheMinimumDelay() {
    assertThat(rule(false).nanosToWait(4 * MS, 3, true)).isEqualTo(6 * MS);
    assertThat(rule(true).nanosToWait(4 * MS, 3, true)).isEqualTo(6 * MS);
    assertThat(rule(false).nanosToWait(10 * MS, 3, true)).isZero();
    assertThat(rule(false).nanosToWait(500 * MS, 1, true)).isZero();
  }

  @Test
  void anEmptyPoolWaitsForTheIntervalOrForever() {
    assertThat(rule(true).nanosToWait(50 * MS, 0, true)).isEqualTo(150 * MS);
    assertThat(rule(true).nanosToWait(200 * MS, 0, true)).isZero();
    assertThat(rule(false).nanosToWait(50 * MS, 0, true)).isEqualTo(CutRule.UNTIL_WOKEN);
    assertThat(rule(false).nanosToWait(5_000 * MS, 0, true)).isEqualTo(CutRule.UNTIL_WOKEN);
  }

  @Test
  void stateThatAwaitsBlocksTurnsEmptyBlocksOnWhileItLasts() {
    boolean[] awaits = {true};
    CutRule rule =
        new CutRule(
            new EmbeddedOrderingConfig(10, Duration.ofMillis(10), Duration.ofMillis(200), false),
            () -> awaits[0]);
    assertThat(rule.nanosToWait(50 * MS, 0, true)).isEqualTo(150 * MS);
    assertThat(rule.emptyBlockDue(200 * MS)).isTrue();
    awaits[0] = false;
    assertThat(rule.nanosToWait(50 * MS, 0, true)).isEqualTo(CutRule.UNTIL_WOKEN);
    assertThat(rule.emptyBlockDue(200 * MS)).isFalse();
  }

  @Test
  void aPoolOfFailingTransactionsCountsAsEmptyUntilNewOnesArrive() {
    assertThat(rule(false).nanosToWait(50 * MS, 40, false)).isEqualTo(CutRule.UNTIL_WOKEN);
    assertThat(rule(true).nanosToWait(50 * MS, 40, false)).isEqualTo(150 * MS);
  }

  @Test
  void emptyBlocksAreDueOnlyWhenOnAndAfterTheInterval() {
    assertThat(rule(true).emptyBlockDue(199 * MS)).isFalse();
    assertThat(rule(true).emptyBlockDue(200 * MS)).isTrue();
    assertThat(rule(false).emptyBlockDue(10_000 * MS)).isFalse();
  }
}
