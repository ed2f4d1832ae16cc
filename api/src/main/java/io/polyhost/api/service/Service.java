package io.polyhost.api.service;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import java.util.Optional;

/**
 * A service's code: its lifecycle hooks here, its transactions as public methods annotated with
 * {@link Transaction}.
 *
 * <p>Every hook has a default that does nothing. Hooks that run inside a block ({@link
 * #initialize}, {@link #resume}, {@link #beforeTransactions}, {@link #afterTransactions}) and the
 * transactions are part of consensus: given the same context they must make the same changes and
 * fail the same way on every node. They fail by throwing {@link ExecutionException}; any other
 * exception they throw is recorded as an error of kind {@code UNEXPECTED}, and an {@link Error}
 * stops the node rather than be recorded. Read endpoints ({@link #read}) answer HTTP GETs from the
 * latest committed state and are not part of consensus.
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

  /**
   * Answers a GET on one of the service's read endpoints: {@code /api/services/{instance
   * name}/{request.path()}} on the node's public or private listener ({@link
   * EndpointRequest#scope()}), from the latest committed state. Runs on an HTTP thread,
   * concurrently with blocks and with other reads, metered like a transaction; the state it sees is
   * read-only.
   *
   * @return the answer, or empty if the service has no endpoint at that path in that scope (the
   *     node answers 404)
   * @throws ExecutionException to refuse the request: a service error becomes a 400 answer with its
   *     description, anything else a 500
   */
  default Optional<EndpointResponse> read(ReadContext context, EndpointRequest request) {
    return Optional.empty();
  }
}
