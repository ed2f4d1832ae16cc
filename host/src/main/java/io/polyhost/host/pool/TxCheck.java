package io.polyhost.host.pool;

import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import java.util.Optional;

/**
 * The pre-check a transaction must pass to be pooled and proposed: its target service exists and is
 * active (Exonum's {@code check_tx}).
 *
 * <p>The dispatcher implements it. The pool calls it from its verifier threads and from the
 * ordering thread at the same time, so implementations must be thread-safe and cheap (a status
 * lookup, no execution).
 */
@FunctionalInterface
public interface TxCheck {
  /** A check that passes every transaction; for tests and benchmarks. */
  TxCheck PASS = tx -> Optional.empty();

  /**
   * Checks {@code tx} against the current service statuses.
   *
   * @return empty if the transaction may be pooled and proposed; otherwise why not, e.g. {@code
   *     CoreError.INCORRECT_INSTANCE_ID} or {@code CoreError.SERVICE_NOT_ACTIVE}
   */
  Optional<ExecutionError> check(SignedTransaction tx);
}
