package io.polyhost.api.runtime;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.storage.IndexAccess;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything a service may see and do while the dispatcher runs one of its calls: a transaction, a
 * hook, its constructor or resume hook, or a child call.
 *
 * <p>All of it is deterministic: the same block gives every node the same context. A context is
 * valid only during the call it was made for.
 */
public interface ExecutionContext {
  /** The limit on nested child calls; a deeper call fails with {@code CoreError.STACK_OVERFLOW}. */
  int MAX_CALL_DEPTH = 128;

  /** The service instance being called. */
  InstanceSpec instance();

  /** Who made the call. */
  Caller caller();

  /** The hash of the transaction being executed; empty in hooks and in genesis constructors. */
  Optional<Hash> transactionHash();

  /** The height of the block being executed. */
  long height();

  /** The time of the block being executed, as its proposer set it; the same on every node. */
  Instant blockTime();

  /** Whether the genesis block is being executed. */
  boolean inGenesisBlock();

  /** The interface being called: empty for the service's own interface. */
  String interfaceName();

  /**
   * The service's own data, writable.
   *
   * @throws ExecutionException with {@code CoreError.INCORRECT_CALL} if a child call of this call
   *     failed: the state may be half-changed, so the call must end
   */
  IndexAccess serviceData();

  /**
   * A read-only view of the whole state as this block has changed it so far.
   *
   * @throws ExecutionException like {@link #serviceData()}
   */
  BlockchainData data();

  /**
   * Calls another service synchronously. If the callee fails, its error is thrown here and this
   * context is poisoned: any further access to data fails and a successful return of this call is
   * recorded as {@code CoreError.INCORRECT_CALL}, so a half-done change can never be committed.
   *
   * @throws ExecutionException with the callee's error, or a core error if the callee is missing or
   *     not active, or the call is nested deeper than {@link #MAX_CALL_DEPTH}
   */
  void call(ChildCall call);

  /** The dispatcher's privileged operations: present only for the supervisor, instance 0. */
  Optional<SupervisorExtensions> supervisorExtensions();
}
