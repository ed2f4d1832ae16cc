package io.polyhost.api.service;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ExecutionContext;

/**
 * A service's code: its lifecycle hooks here, its transactions as public methods annotated with
 * {@link Transaction}.
 *
 * <p>Every hook has a default that does nothing. Hooks that run inside a block ({@link
 * #initialize}, {@link #resume}, {@link #beforeTransactions}, {@link #afterTransactions}) and the
 * transactions are part of consensus: given the same context they must make the same changes and
 * fail the same way on every node. They fail by throwing {@link ExecutionException}; any other
 * exception they throw is recorded as an error of kind {@code UNEXPECTED}, and an {@link Error}
 * stops the node rather than be recorded.
 */
public interface Service {
  /**
   * The constructor of a new service instance, run once in the blockchain's life: sets up its
   * indexes from {@code parameters}.
   *
   * @throws ExecutionException to refuse the parameters; the instance is then not created
   */
  default void initialize(ExecutionContext context, byte[] parameters) {}

  /**
   * Runs when a stopped or frozen instance is resumed, possibly after its artifact was upgraded.
   *
   * @throws ExecutionException to refuse; the instance then stays as it was
   */
  default void resume(ExecutionContext context, byte[] parameters) {}

  /**
   * Runs at the start of every block while the instance is active.
   *
   * @throws ExecutionException to fail the hook; only its own changes are rolled back
   */
  default void beforeTransactions(ExecutionContext context) {}

  /**
   * Runs at the end of every block while the instance is active.
   *
   * @throws ExecutionException to fail the hook; only its own changes are rolled back
   */
  default void afterTransactions(ExecutionContext context) {}

  /**
   * Runs on this node after every committed block while the instance is active, frozen or
   * migrating. Not part of consensus: a validator acts on what it sees by broadcasting a
   * transaction ({@link AfterCommitContext#broadcaster()}, present only for an active instance on a
   * validator). Exceptions are logged and otherwise ignored.
   */
  default void afterCommit(AfterCommitContext context) {}
}
