package io.polyhost.supervisor;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import java.util.HashSet;
import java.util.Set;

/** Checks a proposed consensus configuration before validators vote on it. */
final class ConsensusCheck {
  /** The smallest message-size limit accepted: a block must be able to carry real transactions. */
  static final int MIN_MAX_MESSAGE_LEN = 1 << 20;

  private ConsensusCheck() {}

  /**
   * Checks {@code config}: at least one validator, every key well-formed and used once, a
   * validator's consensus key different from its service key, sane limits and timeouts.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@code MALFORMED_CONFIG_PROPOSE}, the
   *     message prefixed by {@code where}
   */
  static void validate(ConsensusConfigProto config, String where) {
    if (config.getValidatorKeysCount() == 0) {
      throw ChangeVerifier.malformed(where + "the consensus configuration has no validators");
    }
    Set<PublicKey> seen = new HashSet<>();
    for (int i = 0; i < config.getValidatorKeysCount(); i++) {
      ValidatorKeysProto keys = config.getValidatorKeys(i);
      PublicKey consensus = key(keys, true, i, where);
      PublicKey service = key(keys, false, i, where);
      if (consensus.equals(service)) {
        throw ChangeVerifier.malformed(
            where + "validator #" + i + " uses the same key for consensus and service");
      }
      if (!seen.add(consensus) || !seen.add(service)) {
        throw ChangeVerifier.malformed(
            where + "validator #" + i + " reuses a key of another validator");
      }
    }
    if (config.getTxsBlockLimit() == 0) {
      throw ChangeVerifier.malformed(where + "txs_block_limit must be positive");
    }
    if (Integer.toUnsignedLong(config.getMaxMessageLen()) < MIN_MAX_MESSAGE_LEN) {
      throw ChangeVerifier.malformed(
          where
              + "max_message_len "
              + Integer.toUnsignedString(config.getMaxMessageLen())
              + " is below the minimum of "
              + MIN_MAX_MESSAGE_LEN
              + " bytes");
    }
    if (Long.compareUnsigned(config.getMinProposeTimeout(), config.getMaxProposeTimeout()) > 0) {
      throw ChangeVerifier.malformed(
          where
              + "min_propose_timeout "
              + Long.toUnsignedString(config.getMinProposeTimeout())
              + " exceeds max_propose_timeout "
              + Long.toUnsignedString(config.getMaxProposeTimeout()));
    }
  }

  private static PublicKey key(
      ValidatorKeysProto keys, boolean consensus, int index, String where) {
    String what = consensus ? "consensus" : "service";
    try {
      return PublicKey.fromProto(consensus ? keys.getConsensusKey() : keys.getServiceKey());
    } catch (IllegalArgumentException e) {
      throw ChangeVerifier.malformed(
          where
              + "the "
              + what
              + " key of validator #"
              + index
              + " is malformed: "
              + e.getMessage());
    }
  }
}
