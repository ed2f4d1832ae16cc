package io.polyhost.api.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.proto.CallInBlockProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallInBlockTest {
  /** Execution order: before-hooks, transactions, after-hooks, each ascending (ids unsigned). */
  private static final List<CallInBlock> IN_ORDER =
      List.of(
          CallInBlock.beforeTransactions(0),
          CallInBlock.beforeTransactions(1),
          CallInBlock.beforeTransactions(256),
          CallInBlock.beforeTransactions(Integer.MAX_VALUE),
          CallInBlock.beforeTransactions(Integer.MIN_VALUE),
          CallInBlock.beforeTransactions(-1),
          CallInBlock.transaction(0),
          CallInBlock.transaction(1),
          CallInBlock.transaction(255),
          CallInBlock.transaction(256),
          CallInBlock.transaction(Integer.MAX_VALUE),
          CallInBlock.afterTransactions(0),
          CallInBlock.afterTransactions(7),
          CallInBlock.afterTransactions(65_536),
          CallInBlock.afterTransactions(-1));

  @Test
  void keysSortInExecutionOrder() {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println("seed=" + seed);
    List<CallInBlock> shuffled = new ArrayList<>(IN_ORDER);
    Collections.shuffle(shuffled, new Random(seed));
    List<CallInBlock> byKey = new ArrayList<>(shuffled);
    byKey.sort(Comparator.comparing(CallInBlock::toKey, Arrays::compareUnsigned));
    assertThat(byKey).as("seed=" + seed).isEqualTo(IN_ORDER);
    Collections.sort(shuffled);
    assertThat(shuffled).as("seed=" + seed).isEqualTo(IN_ORDER);
  }

  @Test
  void keysAndProtosRoundTrip() {
    for (CallInBlock call : IN_ORDER) {
      assertThat(call.toKey()).hasSize(CallInBlock.KEY_SIZE);
      assertThat(CallInBlock.fromKey(call.toKey())).isEqualTo(call);
      assertThat(CallInBlock.fromProto(call.toProto())).isEqualTo(call);
      assertThat(CallInBlock.serializer().decode(CallInBlock.serializer().encode(call)))
          .isEqualTo(call);
    }
    assertThat(CallInBlock.transaction(258).toKey()).containsExactly(1, 0, 0, 1, 2);
    assertThat(CallInBlock.beforeTransactions(3).toProto().getBeforeTransactions()).isEqualTo(3);
    assertThat(CallInBlock.afterTransactions(3).toString()).contains("after_transactions");
  }

  @Test
  void rejectsMalformedKeysAndProtos() {
    assertThatThrownBy(() -> CallInBlock.fromKey(new byte[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 bytes, got 4");
    assertThatThrownBy(() -> CallInBlock.fromKey(new byte[] {3, 0, 0, 0, 0}))
        .hasMessageContaining("Unknown call-in-block tag 3");
    assertThatThrownBy(() -> CallInBlock.fromKey(new byte[] {1, (byte) 0x80, 0, 0, 0}))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> CallInBlock.fromProto(CallInBlockProto.getDefaultInstance()))
        .hasMessageContaining("names no call");
    assertThatThrownBy(
            () -> CallInBlock.fromProto(CallInBlockProto.newBuilder().setTransaction(-1).build()))
        .hasMessageContaining("'transaction' is 4294967295");
    assertThatThrownBy(() -> CallInBlock.transaction(-2)).hasMessageContaining("negative");
  }

  @Test
  void txLocationNamesItsCall() {
    TxLocation location = new TxLocation(4, 2);
    assertThat(location.call()).isEqualTo(CallInBlock.transaction(2));
    assertThat(TxLocation.fromProto(location.toProto())).isEqualTo(location);
    assertThatThrownBy(() -> new TxLocation(-1, 0)).hasMessageContaining("non-negative");
  }
}
