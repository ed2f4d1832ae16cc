package io.polyhost.api.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashTest {
  @Test
  void sha256MatchesKnownVector() {
    assertThat(Hash.sha256("abc".getBytes(StandardCharsets.US_ASCII)).toHex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hexRoundTrip() {
    Hash h = Hash.sha256(new byte[] {1, 2, 3});
    assertThat(Hash.fromHex(h.toHex())).isEqualTo(h);
  }

  @Test
  void ofReadsThirtyTwoBytesAtAnOffsetAndCopiesThem() {
    byte[] source = new byte[40];
    for (int i = 0; i < source.length; i++) {
      source[i] = (byte) i;
    }
    Hash h = Hash.of(source, 5);
    assertThat(h.toBytes()).isEqualTo(java.util.Arrays.copyOfRange(source, 5, 37));
    source[5] = 99;
    assertThat(h.toBytes()[0]).isEqualTo((byte) 5);
    assertThatThrownBy(() -> Hash.of(source, 9)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Hash.of(source, -1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void rejectsWrongLengths() {
    assertThatThrownBy(() -> Hash.of(new byte[31])).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Hash.fromHex("abcd")).hasMessageContaining("64 characters");
    assertThatThrownBy(() -> Hash.fromHex("zz".repeat(32))).hasMessageContaining("Not a hex hash");
  }

  @Test
  void newDigestsAreIndependentOfEachOther() {
    var first = Hash.newDigest();
    first.update(new byte[] {9, 9});
    var second = Hash.newDigest();
    second.update("abc".getBytes(StandardCharsets.US_ASCII));

    assertThat(Hash.finish(second).toHex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Hash.finish(first)).isEqualTo(Hash.sha256(new byte[] {9, 9}));
    assertThat(Hash.sha256("abc".getBytes(StandardCharsets.US_ASCII)).toHex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void concatenatedPartsHashLikeTheWhole() {
    assertThat(Hash.sha256(new byte[] {1}, new byte[] {2, 3}))
        .isEqualTo(Hash.sha256(new byte[] {1, 2, 3}));
  }
}
