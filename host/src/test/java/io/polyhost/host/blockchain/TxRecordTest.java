package io.polyhost.host.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.TxLocation;
import org.junit.jupiter.api.Test;

class TxRecordTest {
  private static final byte[] MESSAGE = {0x0a, 3, 1, 2, 3, 0x12, 0};

  @Test
  void aKnownRecordHasTheMessageAndNoLocation() {
    byte[] record = TxRecord.known(MESSAGE);
    assertThat(TxRecord.isCommitted(record)).isFalse();
    assertThat(TxRecord.location(record)).isEmpty();
    assertThat(TxRecord.message(record)).isEqualTo(MESSAGE);
  }

  @Test
  void aCommittedRecordHasTheMessageAndTheLocation() {
    for (TxLocation location :
        new TxLocation[] {
          new TxLocation(0, 0),
          new TxLocation(1, 999),
          new TxLocation(0x0102_0304_0506_0708L, 0x7f00_00ff),
          new TxLocation(Long.MAX_VALUE, Integer.MAX_VALUE)
        }) {
      byte[] record = TxRecord.committed(location, MESSAGE);
      assertThat(TxRecord.isCommitted(record)).isTrue();
      assertThat(TxRecord.location(record)).contains(location);
      assertThat(TxRecord.message(record)).isEqualTo(MESSAGE);
    }
  }

  @Test
  void anEmptyMessageRoundTrips() {
    assertThat(TxRecord.message(TxRecord.known(new byte[0]))).isEmpty();
    byte[] committed = TxRecord.committed(new TxLocation(5, 6), new byte[0]);
    assertThat(TxRecord.location(committed)).contains(new TxLocation(5, 6));
    assertThat(TxRecord.message(committed)).isEmpty();
  }

  @Test
  void aValueOfAnotherLayoutIsRefused() {
    // The layout before records: the signed message itself, which starts with a protobuf tag.
    assertThatThrownBy(() -> TxRecord.location(MESSAGE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a transaction record (tag 10)")
        .hasMessageContaining("older Polyhost");
    assertThatThrownBy(() -> TxRecord.isCommitted(new byte[0]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0 bytes");
    assertThatThrownBy(() -> TxRecord.message(new byte[] {TxRecord.COMMITTED, 0, 0, 0}))
        .as("a committed record too short for its location")
        .isInstanceOf(IllegalStateException.class);
  }
}
