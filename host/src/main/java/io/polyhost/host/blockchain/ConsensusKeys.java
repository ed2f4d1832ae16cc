package io.polyhost.host.blockchain;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** The validators' consensus keys of a configuration, checked. */
final class ConsensusKeys {
  /** The last serialized configuration parsed, with its keys; configurations change rarely. */
  private record Parsed(byte[] config, List<PublicKey> keys) {}

  private static final AtomicReference<@Nullable Parsed> LAST = new AtomicReference<>();

  private ConsensusKeys() {}

  /**
   * The consensus keys of the serialized configuration {@code config}, as {@link
   * #of(ConsensusConfigProto)}; remembers the last one, keyed by its bytes.
   *
   * @throws IllegalArgumentException also if {@code config} is not a serialized configuration
   */
  static List<PublicKey> of(byte[] config) {
    Parsed last = LAST.get();
    if (last != null && Arrays.equals(last.config(), config)) {
      return last.keys();
    }
    List<PublicKey> keys;
    try {
      keys = of(ConsensusConfigProto.parseFrom(config));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "The stored consensus configuration cannot be parsed: " + e.getMessage(), e);
    }
    LAST.set(new Parsed(config.clone(), keys));
    return keys;
  }

  /**
   * The consensus keys in validator index order.
   *
   * @throws IllegalArgumentException if there is no validator, a validator lacks its consensus key
   *     or has a malformed one, or two validators share a consensus key
   */
  static List<PublicKey> of(ConsensusConfigProto config) {
    if (config.getValidatorKeysCount() == 0) {
      throw new IllegalArgumentException("The consensus configuration names no validator");
    }
    List<PublicKey> keys = new ArrayList<>(config.getValidatorKeysCount());
    Set<PublicKey> seen = new HashSet<>();
    for (int i = 0; i < config.getValidatorKeysCount(); i++) {
      ValidatorKeysProto v = config.getValidatorKeys(i);
      if (!v.hasConsensusKey()) {
        throw new IllegalArgumentException("Validator " + i + " has no consensus key");
      }
      PublicKey key;
      try {
        key = PublicKey.fromProto(v.getConsensusKey());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Validator " + i + " has a malformed consensus key: " + e.getMessage(), e);
      }
      if (!seen.add(key)) {
        throw new IllegalArgumentException(
            "Validator " + i + " shares its consensus key " + key + " with another validator");
      }
      keys.add(key);
    }
    return List.copyOf(keys);
  }
}
