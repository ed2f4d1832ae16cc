package io.polyhost.host.pool;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionError;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pool did with a submitted transaction: kept it, or refused it with a reason.
 *
 * <p>A value rather than an exception because refusals are ordinary (duplicates, full pool) and
 * batch submissions need one outcome per transaction.
 */
public sealed interface Admission {
  /** Whether the transaction is now in the pool. */
  default boolean accepted() {
    return this instanceof Accepted;
  }

  /**
   * The transaction was pooled and will be proposed.
   *
   * @param hash the transaction hash, by which clients look up its status
   */
  record Accepted(Hash hash) implements Admission {
    /** Checks the hash is present. */
    public Accepted {
      Objects.requireNonNull(hash, "hash");
    }
  }

  /**
   * The transaction was refused.
   *
   * @param reason the category, e.g. for an HTTP status
   * @param message what is wrong and what the client should do about it
   * @param hash the transaction hash, if the bytes could be decoded
   * @param checkError the {@code check_tx} error, for {@link RejectionReason#CHECK_FAILED}
   */
  record Rejected(
      RejectionReason reason,
      String message,
      Optional<Hash> hash,
      Optional<ExecutionError> checkError)
      implements Admission {
    /**
     * Checks the parts agree.
     *
     * @throws IllegalArgumentException if a {@code CHECK_FAILED} rejection lacks its error or
     *     another reason carries one
     */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(checkError, "checkError");
      if ((reason == RejectionReason.CHECK_FAILED) != checkError.isPresent()) {
        throw new IllegalArgumentException(
            "A check error goes with CHECK_FAILED and only with it; got " + reason);
      }
    }

    static Rejected of(RejectionReason reason, String message) {
      return new Rejected(reason, message, Optional.empty(), Optional.empty());
    }

    static Rejected of(RejectionReason reason, Hash hash, String message) {
      return new Rejected(reason, message, Optional.of(hash), Optional.empty());
    }

    static Rejected checkFailed(Hash hash, ExecutionError error) {
      return new Rejected(
          RejectionReason.CHECK_FAILED,
          "The transaction cannot be executed now: " + error,
          Optional.of(hash),
          Optional.of(error));
    }
  }
}
