package io.polyhost.host.testing;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ExecutionContext;

/** A service of the {@link TestRuntime}: every hook optional, written as a lambda or class. */
public interface TestService {
  /** Transactions and child calls. */
  default void execute(ExecutionContext context, int methodId, byte[] arguments) {
    throw CommonError.NO_SUCH_METHOD.exception("No method " + methodId);
  }

  /** The constructor. */
  default void initialize(ExecutionContext context, byte[] parameters) {}

  /** The resume hook. */
  default void resume(ExecutionContext context, byte[] parameters) {}

  default void beforeTransactions(ExecutionContext context) {}

  default void afterTransactions(ExecutionContext context) {}

  default void afterCommit(AfterCommitContext context) {}
}
