package io.polyhost.host.pool;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.VerifyingKeys;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.host.pool.Admission.Accepted;
import io.polyhost.host.pool.Admission.Rejected;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The admission checks for one transaction, after the size limit; runs on a verifier thread. */
final class Admitter {
  /** About 250 bytes each: a few MiB at most. */
  private static final int KEPT_KEYS = 16_384;

  private final PoolConfig config;
  private final PooledTransactions pooled;
  private final Predicate<Hash> committed;
  private final TxCheck check;

  /** Authors' decoded keys: most transactions come from authors seen before. */
  private final VerifyingKeys keys = new VerifyingKeys(KEPT_KEYS);

  /** Hashes being verified now: a racing copy is refused at once instead of verified twice. */
  private final Set<Hash> admitting = ConcurrentHashMap.newKeySet();

  Admitter(PoolConfig config, PooledTransactions pooled, Predicate<Hash> committed, TxCheck check) {
    this.config = config;
    this.pooled = pooled;
    this.committed = committed;
    this.check = check;
  }

  /** Decodes, deduplicates, verifies, checks and pools {@code bytes}. */
  Admission admit(byte[] bytes) {
    SignedMessage message;
    try {
      message = SignedMessage.decode(bytes);
    } catch (IllegalArgumentException e) {
      return Rejected.of(
          RejectionReason.MALFORMED,
          e.getMessage() + "; send a serialized SignedMessage whose payload holds an AnyTx");
    }
    Hash hash = message.hash();
    Optional<Rejected> known = knownAlready(hash);
    if (known.isPresent()) {
      return known.get();
    }
    if (!admitting.add(hash)) {
      return duplicate(hash);
    }
    try {
      SignedTransaction tx;
      try {
        tx = message.verify(keys);
      } catch (IllegalArgumentException e) {
        return Rejected.of(
            RejectionReason.BAD_SIGNATURE,
            hash,
            e.getMessage() + "; sign the payload with the secret key of the author");
      }
      Optional<ExecutionError> error = check.check(tx);
      if (error.isPresent()) {
        return Rejected.checkFailed(hash, error.get());
      }
      return pool(tx);
    } finally {
      admitting.remove(hash);
    }
  }

  /** Pools a transaction verified earlier, skipping the signature and {@code check_tx}. */
  Admission restore(SignedTransaction tx) {
    if (tx.size() > config.maxMessageBytes()) {
      return tooLarge(tx.size());
    }
    Optional<Rejected> known = knownAlready(tx.hash());
    return known.isPresent() ? known.get() : pool(tx);
  }

  Rejected tooLarge(int size) {
    return Rejected.of(
        RejectionReason.TOO_LARGE,
        "The message is "
            + size
            + " bytes, longer than the limit of "
            + config.maxMessageBytes()
            + " bytes (max_message_len); send a smaller transaction");
  }

  private Optional<Rejected> knownAlready(Hash hash) {
    if (pooled.contains(hash)) {
      return Optional.of(duplicate(hash));
    }
    if (committed.test(hash)) {
      return Optional.of(
          Rejected.of(
              RejectionReason.ALREADY_COMMITTED,
              hash,
              "Transaction " + hash + " is already in a block; there is nothing to resend"));
    }
    return Optional.empty();
  }

  private Admission pool(SignedTransaction tx) {
    return switch (pooled.add(tx, config.maxTransactions(), config.maxTotalBytes())) {
      case ADDED -> new Accepted(tx.hash());
      case DUPLICATE -> duplicate(tx.hash());
      case TOO_MANY ->
          Rejected.of(
              RejectionReason.POOL_FULL,
              tx.hash(),
              "The pool holds its limit of "
                  + config.maxTransactions()
                  + " transactions; retry later");
      case TOO_MANY_BYTES ->
          Rejected.of(
              RejectionReason.POOL_FULL,
              tx.hash(),
              "The pool holds its limit of " + config.maxTotalBytes() + " bytes; retry later");
    };
  }

  private static Rejected duplicate(Hash hash) {
    return Rejected.of(
        RejectionReason.DUPLICATE,
        hash,
        "Transaction " + hash + " is already in the pool; it will be included in a block");
  }
}
