package io.polyhost.host.pool;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.VerifyingKeys;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.host.pool.Admission.Accepted;
import io.polyhost.host.pool.Admission.Rejected;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The admission checks for one transaction, after the size limit; runs on a verifier thread. */
final class Admitter {
  /** About 250 bytes each: a few MiB at most. */
  private static final int KEPT_KEYS = 16_384;

  private final PoolConfig config;
  private final PooledTransactions pooled;
  private final CommittedHashes committed;
  private final TxCheck check;

  /** Authors' decoded keys: most transactions come from authors seen before. */
  private final VerifyingKeys keys = new VerifyingKeys(KEPT_KEYS);

  /** Hashes being verified now: a racing copy is refused at once instead of verified twice. */
  private final Set<Hash> admitting = ConcurrentHashMap.newKeySet();

  Admitter(PoolConfig config, PooledTransactions pooled, CommittedHashes committed, TxCheck check) {
    this.config = config;
    this.pooled = pooled;
    this.committed = committed;
    this.check = check;
  }

  /**
   * Decodes, deduplicates, verifies, checks and pools each of {@code messages}, with one committed
   * check for them all.
   *
   * @return one outcome per message, in order
   */
  List<Admission> admitAll(List<byte[]> messages) {
    long seenCommits = pooled.commits(); // before the committed check; see PooledTransactions
    Admission[] outcomes = new Admission[messages.size()];
    SignedMessage[] decoded = new SignedMessage[messages.size()];
    List<Hash> unknown = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      try {
        decoded[i] = SignedMessage.decode(messages.get(i));
      } catch (IllegalArgumentException e) {
        outcomes[i] =
            Rejected.of(
                RejectionReason.MALFORMED,
                e.getMessage() + "; send a serialized SignedMessage whose payload holds an AnyTx");
        continue;
      }
      Hash hash = decoded[i].hash();
      if (pooled.contains(hash)) {
        outcomes[i] = duplicate(hash);
      } else {
        unknown.add(hash);
      }
    }
    Set<Hash> inBlocks = unknown.isEmpty() ? Set.of() : committed.committedAmong(unknown);
    for (int i = 0; i < messages.size(); i++) {
      SignedMessage message = decoded[i];
      if (outcomes[i] == null && message != null) {
        outcomes[i] =
            inBlocks.contains(message.hash())
                ? alreadyCommitted(message.hash())
                : verifyAndPool(message, seenCommits);
      }
    }
    return Arrays.asList(outcomes);
  }

  private Admission verifyAndPool(SignedMessage message, long seenCommits) {
    Hash hash = message.hash();
    if (!admitting.add(hash)) {
      return duplicate(hash);
    }
    try {
      if (pooled.contains(hash)) {
        return duplicate(hash); // an earlier copy in the same task, pooled just now
      }
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
      return pool(tx, seenCommits);
    } finally {
      admitting.remove(hash);
    }
  }

  /** Pools a transaction verified earlier, skipping the signature and {@code check_tx}. */
  Admission restore(SignedTransaction tx) {
    if (tx.size() > config.maxMessageBytes()) {
      return tooLarge(tx.size());
    }
    if (pooled.contains(tx.hash())) {
      return duplicate(tx.hash());
    }
    return pool(tx, -1);
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

  private static Rejected alreadyCommitted(Hash hash) {
    return Rejected.of(
        RejectionReason.ALREADY_COMMITTED,
        hash,
        "Transaction " + hash + " is already in a block; there is nothing to resend");
  }

  /**
   * Adds {@code tx} to the pool, asking again whether it is committed if blocks were committed
   * since {@code seenCommits} (-1: not asked yet).
   */
  private Admission pool(SignedTransaction tx, long seenCommits) {
    long seen = seenCommits;
    while (true) {
      PooledTransactions.Added added =
          pooled.add(tx, config.maxTransactions(), config.maxTotalBytes(), seen);
      if (added != PooledTransactions.Added.COMMITTED_SINCE) {
        return outcome(tx, added);
      }
      seen = pooled.commits();
      if (!committed.committedAmong(List.of(tx.hash())).isEmpty()) {
        return alreadyCommitted(tx.hash());
      }
    }
  }

  private Admission outcome(SignedTransaction tx, PooledTransactions.Added added) {
    return switch (added) {
      case COMMITTED_SINCE -> throw new IllegalArgumentException("Not an outcome: " + added);
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
