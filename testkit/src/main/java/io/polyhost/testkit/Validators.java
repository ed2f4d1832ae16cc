package io.polyhost.testkit;

import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of a kit's validators, made from fixed seeds so that every run of a test builds the same
 * chain. Validator 0 is the node the kit runs; the others exist only as keys whose transactions the
 * kit signs.
 */
final class Validators {
  private final int count;

  Validators(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("A network needs at least one validator, not " + count);
    }
    this.count = count;
  }

  int count() {
    return count;
  }

  KeyPair consensusKeys(int index) {
    return KeyPair.fromSeed(seed(index, 1));
  }

  KeyPair serviceKeys(int index) {
    return KeyPair.fromSeed(seed(index, 2));
  }

  List<PublicKey> consensusPublicKeys() {
    List<PublicKey> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(consensusKeys(i).publicKey());
    }
    return keys;
  }

  /** The consensus keys of the validator whose consensus key is {@code key}. */
  KeyPair consensusKeysOf(PublicKey key) {
    for (int i = 0; i < count; i++) {
      if (consensusKeys(i).publicKey().equals(key)) {
        return consensusKeys(i);
      }
    }
    throw new IllegalStateException(
        "Validator key " + key + " is not one of the kit's: was the validator set changed?");
  }

  private static byte[] seed(int index, int role) {
    return ByteBuffer.allocate(32).putInt(0x7e57).putInt(index).putInt(role).array();
  }
}
