package io.polyhost.api.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProofPathTest {
  private static final long SEED = Long.getLong("polyhost.seed", System.nanoTime());

  static {
    System.out.println("ProofPathTest seed=" + SEED);
  }

  @Test
  void leafPathKeepsItsKeyAndEncodesWithLength() {
    byte[] key = new byte[32];
    key[0] = (byte) 0x80;
    key[31] = 1;
    ProofPath p = ProofPath.ofKey(key);
    assertThat(p.isLeaf()).isTrue();
    assertThat(p.toKeyBytes()).isEqualTo(key);
    assertThat(p.bit(0)).isEqualTo(1);
    assertThat(p.bit(1)).isZero();
    assertThat(p.bit(255)).isEqualTo(1);
    byte[] enc = p.encode();
    assertThat(enc).hasSize(34);
    assertThat(enc[0]).isEqualTo((byte) 1);
    assertThat(enc[1]).isZero();
    assertThat(ProofPath.decode(enc)).isEqualTo(p);
  }

  @Test
  void prefixesEncodeCanonically() {
    ProofPath p = ProofPath.ofKey(HexFormat.of().parseHex("ff".repeat(32)));
    assertThat(p.prefix(0).encode()).containsExactly(0, 0);
    assertThat(p.prefix(3).encode()).containsExactly(0, 3, 0xe0);
    assertThat(p.prefix(9).encode()).containsExactly(0, 9, 0xff, 0x80);
    assertThat(p.prefix(3).toString()).isEqualTo("e0/3");
  }

  @Test
  void randomPathsRoundTripAndOrderLikeTheirBits() {
    Random rnd = new Random(SEED);
    for (int i = 0; i < 2000; i++) {
      ProofPath a = randomPath(rnd);
      ProofPath b = rnd.nextBoolean() ? randomPath(rnd) : a.prefix(rnd.nextInt(a.length() + 1));
      assertThat(ProofPath.decode(a.encode())).as("seed %s", SEED).isEqualTo(a);
      assertThat(Integer.signum(a.compareTo(b)))
          .as("seed %s: %s vs %s", SEED, a, b)
          .isEqualTo(Integer.signum(bits(a).compareTo(bits(b))));
      int common = 0;
      while (common < Math.min(a.length(), b.length()) && a.bit(common) == b.bit(common)) {
        common++;
      }
      assertThat(a.commonPrefixLength(b)).as("seed %s", SEED).isEqualTo(common);
      assertThat(a.startsWith(b)).isEqualTo(common == b.length());
    }
  }

  @Test
  void bitsReadRunsOfBitsLikeBitByBit() {
    Random random = new Random(SEED);
    for (int n = 0; n < 2000; n++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      ProofPath p = ProofPath.ofKey(key).prefix(random.nextInt(257));
      int count = Math.min(p.length(), random.nextInt(32));
      int from = random.nextInt(p.length() - count + 1);
      int expected = 0;
      for (int i = from; i < from + count; i++) {
        expected = expected << 1 | p.bit(i);
      }
      assertThat(p.bits(from, count))
          .as("seed %s: %s bits %s+%s", SEED, p, from, count)
          .isEqualTo(expected);
    }
    ProofPath p = ProofPath.ofKey(new byte[32]).prefix(10);
    assertThatThrownBy(() -> p.bits(8, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> p.bits(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> p.bits(0, 32)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void leafOrderIsByteOrder() {
    Random rnd = new Random(SEED);
    for (int i = 0; i < 500; i++) {
      byte[] x = new byte[32];
      byte[] y = new byte[32];
      rnd.nextBytes(x);
      System.arraycopy(x, 0, y, 0, 32);
      y[rnd.nextInt(32)] = (byte) rnd.nextInt();
      assertThat(Integer.signum(ProofPath.ofKey(x).compareTo(ProofPath.ofKey(y))))
          .isEqualTo(Integer.signum(Arrays.compareUnsigned(x, y)));
    }
  }

  @Test
  void rejectsNonCanonicalEncodings() {
    assertThatThrownBy(() -> ProofPath.decode(new byte[] {0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 bytes");
    assertThatThrownBy(() -> ProofPath.decode(new byte[] {1, 1}))
        .hasMessageContaining("257 bits; at most 256");
    assertThatThrownBy(() -> ProofPath.decode(new byte[] {0, 9, 1}))
        .hasMessageContaining("of 9 bits has 4 bytes, got 3");
    assertThatThrownBy(() -> ProofPath.decode(new byte[] {0, 1, 0, 0}))
        .hasMessageContaining("has 3 bytes, got 4");
    assertThatThrownBy(() -> ProofPath.decode(new byte[] {0, 3, 0x10}))
        .hasMessageContaining("non-zero bits after its end");
    assertThatThrownBy(() -> ProofPath.ofKey(new byte[31])).hasMessageContaining("got 31 bytes");
  }

  @Test
  void rejectsBadPrefixAndBitIndexes() {
    ProofPath p = ProofPath.ofKey(new byte[32]).prefix(5);
    assertThatThrownBy(() -> p.prefix(6)).hasMessageContaining("Prefix of 6 bits of a path of 5");
    assertThatThrownBy(() -> p.bit(5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  static ProofPath randomPath(Random rnd) {
    byte[] key = new byte[32];
    rnd.nextBytes(key);
    // Few distinct leading bits so that random pairs often share prefixes.
    key[0] = (byte) (key[0] & 0x81);
    return ProofPath.ofKey(key).prefix(rnd.nextInt(257));
  }

  private static String bits(ProofPath p) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      sb.append(p.bit(i));
    }
    return sb.toString();
  }
}
