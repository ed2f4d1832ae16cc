package io.polyhost.api.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link VerifyingKeys} answers exactly as {@link Ed25519#verify}, for good and bad input. */
class VerifyingKeysTest {
  private static final long SEED = Long.getLong("polyhost.seed", System.nanoTime());

  static {
    System.out.println("seed=" + SEED);
  }

  private final Random random = new Random(SEED);

  @Test
  void sameAnswersAsPlainVerifyForValidTamperedAndForeignSignatures() {
    VerifyingKeys keys = new VerifyingKeys(1_000);
    List<KeyPair> authors = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      authors.add(KeyPair.fromSeed(bytes(32)));
    }
    for (int i = 0; i < 400; i++) {
      KeyPair author = authors.get(random.nextInt(authors.size()));
      byte[] message = bytes(random.nextInt(100));
      Signature signature = Ed25519.sign(author, message);
      PublicKey key = author.publicKey();
      assertSame(keys, key, message, signature);
      assertThat(keys.verify(key, message, signature)).as("seed=%d", SEED).isTrue();
      assertSame(keys, key, flipOneBit(message), signature);
      assertSame(keys, key, message, Signature.of(flipOneBit(signature.raw())));
      assertSame(
          keys, authors.get((authors.indexOf(author) + 1) % 8).publicKey(), message, signature);
    }
    assertThat(keys.size()).isEqualTo(8);
  }

  @Test
  void sameAnswersForKeysThatAreNoCanonicalPoint() {
    HexFormat hex = HexFormat.of();
    List<byte[]> odd = new ArrayList<>();
    odd.add(new byte[32]); // y = 0
    odd.add(
        hex.parseHex(
            "0100000000000000000000000000000000000000000000000000000000000000")); // identity
    odd.add(hex.parseHex("0100000000000000000000000000000000000000000000000000000000000080")); // -0
    odd.add(
        hex.parseHex(
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")); // y = p-1
    odd.add(
        hex.parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")); // y = p
    odd.add(
        hex.parseHex(
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")); // y = p+1
    odd.add(hex.parseHex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"));
    for (int i = 0; i < 200; i++) {
      odd.add(bytes(32)); // about half are not on the curve
    }
    VerifyingKeys keys = new VerifyingKeys(1_000);
    byte[] message = bytes(40);
    Signature foreign = Ed25519.sign(KeyPair.fromSeed(bytes(32)), message);
    // R = the identity, S = 0: holds for a small-order key in a verifier that lets such keys in.
    Signature trivial =
        Signature.of(
            hex.parseHex(
                "0100000000000000000000000000000000000000000000000000000000000000"
                    + "0000000000000000000000000000000000000000000000000000000000000000"));
    for (byte[] key : odd) {
      for (Signature signature : List.of(foreign, trivial)) {
        assertSame(keys, PublicKey.of(key), message, signature);
        assertSame(keys, PublicKey.of(key), message, signature); // again, from a kept point if any
      }
    }
  }

  @Test
  void keepsAtMostItsCapacity() {
    VerifyingKeys keys = new VerifyingKeys(3);
    byte[] message = bytes(10);
    for (int i = 0; i < 10; i++) {
      KeyPair author = KeyPair.fromSeed(bytes(32));
      assertThat(keys.verify(author.publicKey(), message, Ed25519.sign(author, message))).isTrue();
      assertThat(keys.size()).isBetween(1, 3);
    }
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new VerifyingKeys(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  private static void assertSame(
      VerifyingKeys keys, PublicKey key, byte[] message, Signature signature) {
    assertThat(keys.verify(key, message, signature))
        .as("key %s, seed=%d", key, SEED)
        .isEqualTo(Ed25519.verify(key, message, signature));
  }

  private byte[] bytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  private byte[] flipOneBit(byte[] in) {
    byte[] out = in.clone();
    if (out.length == 0) {
      return new byte[] {1};
    }
    int bit = random.nextInt(out.length * 8);
    out[bit / 8] ^= (byte) (1 << (bit % 8));
    return out;
  }
}
