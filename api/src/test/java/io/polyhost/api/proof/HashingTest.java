package io.polyhost.api.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HashingTest {
  @Test
  void valueOfASliceIsTheValueOfThoseBytes() {
    byte[] record = {9, 9, 1, 2, 3, 4, 7};
    assertThat(Hashing.value(record, 2, 4))
        .isEqualTo(Hashing.value(Arrays.copyOfRange(record, 2, 6)))
        .isNotEqualTo(Hashing.value(record));
    assertThat(Hashing.value(record, 7, 0)).isEqualTo(Hashing.value(new byte[0]));
  }

  @Test
  void valueOfASliceOutsideTheArrayIsRefused() {
    byte[] record = new byte[4];
    assertThatThrownBy(() -> Hashing.value(record, 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Hashing.value(record, -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
