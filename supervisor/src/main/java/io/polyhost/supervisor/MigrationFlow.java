package io.polyhost.supervisor;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.MigrationType;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.MigrationRequest;
import io.polyhost.supervisor.proto.MigrationResult;
import io.polyhost.supervisor.proto.MigrationState;
import java.util.ArrayList;
import java.util.List;

/**
 * Data migrations: validators request one; once approved the dispatcher starts it (a fast-forward
 * completes at once), every node runs the script and reports the hash of the migrated data; when
 * all validators report the same hash the migration is committed and flushed in the next block. One
 * failed script, one differing hash or the deadline rolls it back.
 */
final class MigrationFlow {
  private MigrationFlow() {}

  /** Transaction 4: a validator asks for a migration (or confirms another's request). */
  static void request(ExecutionContext context, MigrationRequest received) {
    PublicKey author = Validators.author(context);
    MigrationRequest request = Canonical.migration(received);
    InstanceState instance =
        context
            .data()
            .instance(InstanceQuery.name(request.getService()))
            .orElseThrow(() ->
                SupervisorError.MALFORMED_CONFIG_PROPOSE.exception(
                    "Service '" + request.getService() + "' does not exist; nothing to migrate"));
    long current = Heights.current(context);
    if (request.getDeadlineHeight() < current) {
      throw SupervisorError.ACTUAL_FROM_IS_PAST.exception(
          "Deadline height "
              + request.getDeadlineHeight()
              + " of the migration request is in the past (current height "
              + current
              + "); choose a later deadline");
    }
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    Multisig<MigrationRequest> votes = schema.migrationRequests();
    if (schema.migrationStates().containsKey(request)) {
      // Approved before. The reference re-approved here, failing the running migration without
      // rolling it back; a late vote is only recorded, a repeated one refused.
      if (votes.confirmedBy(request, author)) {
        throw SupervisorError.MIGRATION_REQUEST_ALREADY_REGISTERED.exception(
            "This migration request for '"
                + request.getService()
                + "' is already registered by validator "
                + author
                + "; to retry a migration, send it with another seed");
      }
      votes.confirm(request, author);
      return;
    }
    votes.confirm(request, author);
    int quorum =
        Validators.quorum(
            schema.configuration().getMode(),
            context.data().consensusConfig().getValidatorKeysCount());
    if (votes.countAmong(request, Validators.serviceKeys(context.data().consensusConfig()))
        < quorum) {
      return;
    }
    MigrationState.Builder state =
        MigrationState.newBuilder()
            .setInner(EventStates.PENDING)
            .setVersion(instance.effectiveDataVersion().toString());
    schema.migrationStates().put(request, state.build());
    schema.pendingMigrations().add(request);
    MigrationType type;
    try {
      type =
          DeployFlow.extensions(context)
              .initiateMigration(Heights.artifact(request.getNewArtifact()), request.getService());
    } catch (ExecutionException e) {
      // The request itself is fine; the dispatcher refused. Record why, without rollback: no
      // migration started.
      fail(context, schema, request, e.error(), false);
      return;
    }
    if (type == MigrationType.FAST_FORWARD) {
      schema
          .migrationStates()
          .put(
              request,
              state
                  .setInner(EventStates.SUCCESS)
                  .setVersion(ArtifactId.fromProto(request.getNewArtifact()).version().toString())
                  .build());
      schema.pendingMigrations().remove(request);
    }
  }

  /** Transaction 5: a validator's node reports the outcome of its migration script. */
  static void report(ExecutionContext context, MigrationResult result) {
    PublicKey author = Validators.author(context);
    MigrationRequest request = Canonical.migration(result.getRequest());
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    MigrationState state =
        schema
            .migrationStates()
            .get(request)
            .orElseThrow(() ->
                SupervisorError.MIGRATION_REQUEST_NOT_REGISTERED.exception(
                    "No migration of '"
                        + request.getService()
                        + "' to "
                        + Heights.describe(request.getNewArtifact())
                        + " with deadline "
                        + request.getDeadlineHeight()
                        + " and seed "
                        + request.getSeed()
                        + " is registered; its result cannot be reported"));
    if (EventStates.isFailed(state.getInner())) {
      return;
    }
    long current = Heights.current(context);
    if (request.getDeadlineHeight() < current) {
      throw SupervisorError.DEADLINE_EXCEEDED.exception(
          "Deadline height "
              + request.getDeadlineHeight()
              + " of the migration request has passed (current height "
              + current
              + "); its result cannot be reported");
    }
    if (!schema.pendingMigrations().contains(request)) {
      return; // committed already: every validator has reported the same hash
    }
    if (!result.getStatus().hasHash()) {
      String why = result.getStatus().getError();
      fail(
          context,
          schema,
          request,
          SupervisorError.MIGRATION_FAILED.error(
              "The migration script failed on validator " + author + ": " + why),
          true);
      return;
    }
    Hash hash = Hash.fromProto(result.getStatus().getHash());
    if (state.hasReferenceStateHash()
        && !Hash.fromProto(state.getReferenceStateHash()).equals(hash)) {
      fail(
          context,
          schema,
          request,
          SupervisorError.STATE_HASH_DIVERGENCE.error(
              "Validator "
                  + author
                  + " migrated the data to hash "
                  + hash
                  + ", but the first report was "
                  + Hash.fromProto(state.getReferenceStateHash())),
          true);
      return;
    }
    schema
        .migrationStates()
        .put(request, state.toBuilder().setReferenceStateHash(hash.toProto()).build());
    Multisig<MigrationRequest> confirmations = schema.migrationConfirmations();
    confirmations.confirm(request, author);
    if (confirmations.confirmedByAll(
        request, Validators.serviceKeys(context.data().consensusConfig()))) {
      schema.pendingMigrations().remove(request);
      schema.migrationsToFlush().add(request);
      DeployFlow.extensions(context).commitMigration(request.getService(), hash);
    }
  }

  /**
   * Before each block: flushes the migrations committed in the previous one (their state becomes
   * success with the new data version), then rolls back those whose deadline has passed.
   */
  static void beforeTransactions(ExecutionContext context) {
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    List<MigrationRequest> finished = values(schema.migrationsToFlush().entries());
    schema.migrationsToFlush().clear();
    for (MigrationRequest request : finished) {
      // The data reaches the script's end version, which may be below the target artifact's
      // (one script per migration); read it before the flush changes the status.
      String endVersion =
          context
              .data()
              .instance(InstanceQuery.name(request.getService()))
              .flatMap(InstanceState::status)
              .filter(s -> s instanceof InstanceStatus.Migrating)
              .map(s -> ((InstanceStatus.Migrating) s).endVersion().toString())
              .orElseThrow(() ->
                  new IllegalStateException(
                      "Service '" + request.getService() + "' has no migration to flush"));
      DeployFlow.extensions(context).flushMigration(request.getService());
      MigrationState state = schema.migrationStates().get(request).orElseThrow();
      schema
          .migrationStates()
          .put(
              request,
              state.toBuilder().setInner(EventStates.SUCCESS).setVersion(endVersion).build());
    }
    long current = Heights.current(context);
    for (MigrationRequest request : values(schema.pendingMigrations().entries())) {
      if (request.getDeadlineHeight() <= current) {
        MigrationState state = schema.migrationStates().get(request).orElseThrow();
        schema
            .migrationStates()
            .put(request, state.toBuilder().setInner(EventStates.TIMEOUT).build());
        schema.pendingMigrations().remove(request);
        DeployFlow.extensions(context).rollbackMigration(request.getService());
      }
    }
  }

  private static void fail(
      ExecutionContext context,
      SupervisorSchema schema,
      MigrationRequest request,
      ExecutionError error,
      boolean rollback) {
    MigrationState state = schema.migrationStates().get(request).orElseThrow();
    schema
        .migrationStates()
        .put(
            request,
            state.toBuilder()
                .setInner(EventStates.failed(Heights.current(context), error))
                .build());
    schema.pendingMigrations().remove(request);
    if (rollback) {
      DeployFlow.extensions(context).rollbackMigration(request.getService());
    }
  }

  private static List<MigrationRequest> values(
      java.util.Iterator<java.util.Map.Entry<Hash, MigrationRequest>> entries) {
    List<MigrationRequest> values = new ArrayList<>();
    entries.forEachRemaining(e -> values.add(e.getValue()));
    return values;
  }

  static boolean isPending(MigrationState state) {
    return state.getInner().getState() == AsyncEventState.Type.PENDING;
  }
}
