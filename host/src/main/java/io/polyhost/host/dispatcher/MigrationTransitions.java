package io.polyhost.host.dispatcher;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.MigrationType;
import io.polyhost.storage.Fork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The migration transitions T5–T8 of the lifecycle table on one fork: start (asynchronous or
 * fast-forward), commit, roll back and flush. The scripts themselves run outside blocks ({@link
 * MigrationRunner}); here only the registry changes.
 */
final class MigrationTransitions {
  private final CallScope scope;
  private final Lifecycle lifecycle;
  private final DispatcherSchema schema;

  MigrationTransitions(CallScope scope) {
    this.scope = scope;
    this.lifecycle = scope.lifecycle();
    this.schema = new DispatcherSchema(scope.fork());
  }

  /**
   * T5: starts migrating a stopped or frozen service to {@code target}. The checks run in the
   * reference's order, so a request that breaks several rules fails with the same code everywhere.
   */
  MigrationType initiate(ArtifactId target, String serviceName) {
    InstanceState state = lifecycle.requireInstance(serviceName);
    // A service created in this block has no committed status: like the reference, that is an
    // invalid transition (it is not stopped or frozen), not a pending one.
    InstanceStatus status = state.status().orElse(null);
    if (status == null || !status.canBeResumed()) {
      throw CoreError.INVALID_SERVICE_TRANSITION.exception(
          "Service "
              + Lifecycle.describe(state)
              + " is "
              + (status == null ? "being created in this block" : status.label())
              + " and cannot be migrated: only stopped or frozen services can be migrated");
    }
    lifecycle.requireNoPending(state);
    if (schema.artifactStatus(target).isEmpty()) {
      throw CoreError.UNKNOWN_ARTIFACT_ID.exception(
          "Cannot migrate service "
              + Lifecycle.describe(state)
              + ": artifact "
              + target
              + " is not registered");
    }
    lifecycle.requireActiveArtifact(target, "migrate service '" + serviceName + "' to");
    ArtifactId current = state.spec().artifact();
    if (!target.isUpgradeOf(current)) {
      throw CoreError.CANNOT_UPGRADE_SERVICE.exception(
          "Service "
              + Lifecycle.describe(state)
              + " runs "
              + current
              + "; "
              + target
              + " is not a newer version of the same artifact");
    }
    Optional<MigrationScript> script = scriptFor(state, target);
    if (script.isEmpty()) {
      InstanceSpec moved = new InstanceSpec(state.spec().id(), state.spec().name(), target);
      schema.putInstance(
          new InstanceState(
              moved, Optional.of(InstanceStatus.STOPPED), Optional.empty(), Optional.empty()));
      schema.pendingInstances().put(serviceName, MigrationStep.NONE.ordinal());
      return MigrationType.FAST_FORWARD;
    }
    lifecycle.setPending(
        state,
        InstanceStatus.Migrating.running(target, script.get().endVersion()),
        MigrationStep.START);
    return MigrationType.ASYNC;
  }

  /** T6: the migration's outcome is agreed to be {@code hash}. */
  void commit(String serviceName, Hash hash) {
    InstanceState state = lifecycle.requireInstance(serviceName);
    InstanceStatus.Migrating migration = runningMigration(state);
    lifecycle.requireNoPending(state);
    lifecycle.setPending(state, migration.commit(hash), MigrationStep.COMMIT);
  }

  /** T7: the migration is abandoned; its data is erased when the block commits. */
  void rollback(String serviceName) {
    InstanceState state = lifecycle.requireInstance(serviceName);
    runningMigration(state);
    lifecycle.requireNoPending(state);
    lifecycle.setPending(state, InstanceStatus.STOPPED, MigrationStep.ROLLBACK);
  }

  /**
   * T8: the migrated data of a migration committed in an earlier block replaces the old data.
   *
   * <p>Only the registry changes here; the data moves when the block's transitions end ({@link
   * #applyFlushes}). Moving it here would be wrong: {@link Fork#flushMigration} makes everything
   * the fork holds permanent, so a supervisor call that flushed and then failed could no longer
   * roll back its own earlier writes, nor the moved data. Nobody can observe the difference: the
   * service is stopped from this call on (its pending status) and cannot change again in this
   * block.
   */
  void flush(String serviceName) {
    InstanceState state = lifecycle.requireInstance(serviceName);
    if (!(state.status().orElse(null) instanceof InstanceStatus.Migrating m)
        || m.completed().isEmpty()) {
      throw CoreError.NO_MIGRATION.exception(
          "Service "
              + Lifecycle.describe(state)
              + " has no committed migration to flush (a migration is flushed in a block after"
              + " the one that commits it)");
    }
    lifecycle.requireNoPending(state);
    schema.putInstance(
        new InstanceState(
            state.spec(),
            state.status(),
            Optional.of(InstanceStatus.STOPPED),
            Optional.of(m.endVersion())));
    schema.pendingInstances().put(serviceName, MigrationStep.FLUSH.ordinal());
    schema.localMigrationResults().remove(serviceName);
  }

  /**
   * Moves the migrated data of every migration flushed in this block into place. Call once all
   * calls of the block have run and before its state hash is taken: the moved indexes enter the
   * state hash of the block that flushes them.
   */
  static void applyFlushes(Fork fork) {
    List<String> flushed = new ArrayList<>();
    new DispatcherSchema(fork)
        .pendingInstances()
        .entries()
        .forEachRemaining(e -> {
          if (MigrationStep.of(e.getValue()) == MigrationStep.FLUSH) {
            flushed.add(e.getKey());
          }
        });
    flushed.forEach(fork::flushMigration);
  }

  private InstanceStatus.Migrating runningMigration(InstanceState state) {
    if (state.status().orElse(null) instanceof InstanceStatus.Migrating m
        && m.completed().isEmpty()) {
      return m;
    }
    throw CoreError.NO_MIGRATION.exception(
        "Service " + Lifecycle.describe(state) + " has no migration in progress");
  }

  private Optional<MigrationScript> scriptFor(InstanceState state, ArtifactId target) {
    try {
      return scope.runtimes().get(target.runtimeId()).migrate(target, state.effectiveDataVersion());
    } catch (InitMigrationException e) {
      throw CoreError.NO_MIGRATION.exception(
          "Runtime cannot migrate service "
              + Lifecycle.describe(state)
              + " from data version "
              + state.effectiveDataVersion()
              + " to "
              + target
              + ": "
              + e.getMessage());
    }
  }
}
