package io.polyhost.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndexTypeTest {
  @Test
  void everyTypeIsFoundByItsStoredCode() {
    for (IndexType t : IndexType.values()) {
      assertThat(IndexType.fromCode(t.code())).isSameAs(t);
    }
    assertThat(IndexType.fromCode(8)).isEqualTo(IndexType.PROOF_MAP);
    assertThat(IndexType.fromCode(254)).isEqualTo(IndexType.TOMBSTONE);
  }

  @Test
  void codesOfNoTypeAreRejectedWithTheCode() {
    for (int code : new int[] {-1, 0, 10, 253, 255, 256, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> IndexType.fromCode(code))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Unknown index type code " + code);
    }
  }
}
