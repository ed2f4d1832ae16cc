package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ProofPath;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BranchBodyTest {
  private static final long SEED = Seeds.pick("BranchBodyTest");

  @Test
  void hashIsTheMapBranchHashAndDecodingGivesTheChildrenBack() {
    Random random = new Random(SEED);
    for (int n = 0; n < 1000; n++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      ProofPath base = ProofPath.ofKey(key);
      int split = random.nextInt(256);
      // Two children differing first at bit `split`, each a leaf or a shorter branch path.
      byte[] other = key.clone();
      other[split >>> 3] ^= (byte) (0x80 >>> (split & 7));
      ProofPath a = base.prefix(split + 1 + random.nextInt(256 - split));
      ProofPath b = ProofPath.ofKey(other).prefix(split + 1 + random.nextInt(256 - split));
      NodeRef left = new NodeRef(a.bit(split) == 0 ? a : b, randomHash(random));
      NodeRef right = new NodeRef(a.bit(split) == 0 ? b : a, randomHash(random));

      byte[] body = BranchBody.encode(left, right);
      assertThat(BranchBody.hash(body))
          .as("seed %s", SEED)
          .isEqualTo(Hashing.mapBranch(left.path(), left.hash(), right.path(), right.hash()));
      byte[] padded = new byte[body.length + 7];
      System.arraycopy(body, 0, padded, 3, body.length);
      ProofPath at = base.prefix(split);
      assertThat(BranchBody.decode(at, padded, 3))
          .as("seed %s", SEED)
          .isEqualTo(new Branch(at, left, right));
    }
  }

  @Test
  void truncatedBodiesAreRejected() {
    NodeRef left = new NodeRef(ProofPath.ofKey(new byte[32]), Hash.sha256(new byte[] {1}));
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) -1);
    NodeRef right = new NodeRef(ProofPath.ofKey(ones).prefix(7), Hash.sha256(new byte[] {2}));
    byte[] body = BranchBody.encode(left, right);
    for (int cut : new int[] {1, 30, 34, 60, body.length - 1}) {
      byte[] truncated = Arrays.copyOf(body, cut);
      assertThatThrownBy(() -> BranchBody.decode(ProofPath.empty(), truncated, 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static Hash randomHash(Random random) {
    byte[] h = new byte[32];
    random.nextBytes(h);
    return Hash.of(h);
  }
}
