package io.polyhost.api.blockchain;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Blocks and validators for tests: deterministic keys, headers with distinct hashes. */
final class Blocks {
  private Blocks() {}

  static Hash hashOf(String text) {
    return Hash.sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  static Block block(long height) {
    return new Block(
        0,
        height,
        2,
        height == 0 ? Hash.zero() : hashOf("prev" + height),
        hashOf("tx" + height),
        hashOf("state" + height),
        hashOf("errors" + height),
        AdditionalHeaders.empty(),
        Instant.parse("2024-05-06T07:08:09.123456789Z").plusSeconds(height));
  }

  static List<KeyPair> validators(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> {
          byte[] seed = new byte[32];
          seed[0] = (byte) (i + 1);
          return KeyPair.fromSeed(seed);
        })
        .toList();
  }

  static List<PublicKey> keys(List<KeyPair> validators) {
    return validators.stream().map(KeyPair::publicKey).toList();
  }

  /** Precommits for {@code block} from the validators with the given indexes. */
  static BlockCertificate certify(Block block, List<KeyPair> validators, int... signers) {
    List<Precommit> precommits = new ArrayList<>();
    for (int i : signers) {
      precommits.add(Precommit.sign(validators.get(i), i, block.height(), block.hash()));
    }
    return BlockCertificate.of(block, precommits);
  }
}
