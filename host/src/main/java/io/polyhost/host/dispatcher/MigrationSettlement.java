package io.polyhost.host.dispatcher;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.storage.Fork;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Brings this node's migration scripts in line with a committed block: a committed migration must
 * have produced the agreed hash here, a rolled-back one is aborted and erased, finished scripts'
 * outcomes are recorded. Also restarts unfinished scripts after a node restart.
 */
final class MigrationSettlement {
  private final DispatcherSchema schema;
  private final MigrationRunner runner;
  private final @Nullable Fork fork;

  MigrationSettlement(DispatcherSchema schema, MigrationRunner runner, @Nullable Fork fork) {
    this.schema = schema;
    this.runner = runner;
    this.fork = fork;
  }

  void settle(BlockChanges changes) {
    for (BlockChanges.Modified modified : changes.instances()) {
      String name = modified.state().spec().name();
      switch (modified.step()) {
        case COMMIT -> checkCommitted(modified.state());
        case ROLLBACK -> {
          runner.abort(name);
          requireFork().rollbackMigration(name);
          schema.localMigrationResults().remove(name);
        }
        case START, FLUSH, NONE -> {}
      }
    }
    runner.takeCompleted().forEach(schema.localMigrationResults()::put);
  }

  /** After a restart: starts again every unfinished migration this node has no outcome for. */
  void restart(List<InstanceState> instances, Runtimes runtimes) {
    for (InstanceState state : instances) {
      if (state.status().orElse(null) instanceof InstanceStatus.Migrating m
          && m.completed().isEmpty()
          && !schema.localMigrationResults().containsKey(state.spec().name())) {
        startScript(runner, runtimes, state);
      }
    }
  }

  /** Starts the script of a migration that has just begun (or must run again). */
  static void startScript(MigrationRunner runner, Runtimes runtimes, InstanceState state) {
    if (!(state.status().orElse(null) instanceof InstanceStatus.Migrating m)) {
      throw new IllegalStateException("Service " + Lifecycle.describe(state) + " is not migrating");
    }
    MigrationScript script;
    try {
      script =
          runtimes
              .get(m.target().runtimeId())
              .migrate(m.target(), state.effectiveDataVersion())
              .orElseThrow(
                  () -> new InitMigrationException("the runtime no longer offers a script"));
    } catch (InitMigrationException e) {
      throw new NodeHaltException(
          "Cannot run the migration of service "
              + Lifecycle.describe(state)
              + " to "
              + m.target()
              + " on this node: "
              + e.getMessage(),
          e);
    }
    runner.start(state.spec(), state.effectiveDataVersion(), script);
  }

  private void checkCommitted(InstanceState state) {
    String name = state.spec().name();
    if (!(state.status().orElse(null) instanceof InstanceStatus.Migrating m)
        || m.completed().isEmpty()) {
      throw new IllegalStateException(
          "Service " + Lifecycle.describe(state) + " was not committed");
    }
    Hash agreed = m.completed().get();
    Optional<MigrationStatusProto> local =
        schema.localMigrationResults().get(name).or(() -> runner.await(name));
    if (local.isEmpty()) {
      throw halt(state, "this node has no outcome of the migration script and none is running");
    }
    local.ifPresent(outcome -> schema.localMigrationResults().put(name, outcome));
    MigrationStatusProto outcome = local.get();
    if (outcome.hasError()) {
      throw halt(state, "the script failed here: " + outcome.getError());
    }
    Hash mine = Hash.fromProto(outcome.getHash());
    if (!mine.equals(agreed)) {
      throw halt(
          state,
          "the migrated data hashes to " + mine + " here but to " + agreed + " on the network");
    }
  }

  private Fork requireFork() {
    if (fork == null) {
      throw new IllegalStateException("Settling a commit needs the block's fork");
    }
    return fork;
  }

  private static NodeHaltException halt(InstanceState state, String why) {
    return new NodeHaltException(
        "The network committed the migration of service "
            + Lifecycle.describe(state)
            + " but "
            + why
            + ". This node cannot follow the network. Fix the cause, run `polyhost maintenance"
            + " restart-migration "
            + state.spec().name()
            + "` and restart the node.");
  }
}
