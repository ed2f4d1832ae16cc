package io.polyhost.testkit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.ExecutionStatusProto;
import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.supervisor.Supervisor;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.SupervisorSchema;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.ConfigChange;
import io.polyhost.supervisor.proto.ConfigPropose;
import io.polyhost.supervisor.proto.ConfigVote;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.DeployResult;
import io.polyhost.supervisor.proto.MigrationRequest;
import io.polyhost.supervisor.proto.MigrationResult;
import io.polyhost.supervisor.proto.MigrationState;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Drives the supervisor the way a network's administrators would: every validator the mode needs
 * sends the request or votes, the kit's node reports its local results, and the other validators
 * (keys only) report the same. Each operation returns once its effect is committed, or fails with
 * the supervisor's reason.
 */
final class Supervision {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final long DEADLINE_BLOCKS = 100;

  private final TestKit kit;
  private long seed;

  Supervision(TestKit kit) {
    this.kit = kit;
  }

  void deploy(ArtifactId artifact, byte[] spec) {
    DeployRequest request =
        DeployRequest.newBuilder()
            .setArtifact(artifact.toProto())
            .setSpec(ByteString.copyFrom(spec))
            .setDeadlineHeight(kit.height() + DEADLINE_BLOCKS)
            .setSeed(seed++)
            .build();
    List<SignedTransaction> requests = new ArrayList<>();
    for (int i = 0; i < requesters(); i++) {
      requests.add(tx(i, Methods.REQUEST_ARTIFACT_DEPLOY, request));
    }
    requireOk(kit.commit(requests), "deploy request for " + artifact);
    awaitBroadcast(tx -> isCall(tx, Methods.REPORT_DEPLOY_RESULT));
    List<SignedTransaction> reports = new ArrayList<>(kit.kitPool().drain());
    for (int i = 1; i < kit.validators().count(); i++) {
      reports.add(
          tx(
              i,
              Methods.REPORT_DEPLOY_RESULT,
              DeployResult.newBuilder()
                  .setRequest(request)
                  .setResult(ExecutionStatusProto.newBuilder().setOk(Empty.getDefaultInstance()))
                  .build()));
    }
    kit.commit(reports);
    AsyncEventState state =
        supervisor(s -> s.deployState(request))
            .orElseThrow(() -> new IllegalStateException("The deploy of " + artifact + " is lost"));
    if (state.getState() != AsyncEventState.Type.SUCCESS) {
      throw new IllegalStateException(
          "Deploying " + artifact + " ended " + state.getState() + ": " + state.getError());
    }
  }

  /** Applies {@code changes} in one proposal with as many votes as the mode needs. */
  void apply(ConfigChange... changes) {
    long number = supervisor(SupervisorSchema::configurationNumber);
    int quorum = isDecentralized() ? kit.validators().count() * 2 / 3 + 1 : 1;
    long actualFrom = quorum == 1 ? 0 : kit.height() + 2;
    ConfigPropose.Builder propose =
        ConfigPropose.newBuilder().setActualFrom(actualFrom).setConfigurationNumber(number);
    for (ConfigChange change : changes) {
      propose.addChanges(change);
    }
    ConfigPropose proposal = propose.build();
    requireOk(
        kit.commit(List.of(tx(0, Methods.PROPOSE_CONFIG_CHANGE, proposal))),
        "proposal " + proposal);
    if (quorum > 1) {
      Hash hash = Hash.sha256(proposal.toByteArray());
      List<SignedTransaction> votes = new ArrayList<>();
      for (int i = 1; i < quorum; i++) {
        votes.add(
            tx(
                i,
                Methods.CONFIRM_CONFIG_CHANGE,
                ConfigVote.newBuilder().setProposeHash(hash.toProto()).build()));
      }
      requireOk(kit.commit(votes), "votes for the proposal");
    }
    kit.afterTransactionsError(Supervisor.INSTANCE_ID)
        .ifPresent(e -> {
          throw new IllegalStateException("The supervisor could not apply the proposal: " + e);
        });
  }

  /**
   * Runs one migration request for {@code service} to {@code target}: a data migration (waits until
   * its script has run and its result is committed and flushed) or a fast-forward.
   */
  MigrationState migrate(String service, ArtifactId target) {
    MigrationRequest request =
        MigrationRequest.newBuilder()
            .setNewArtifact(target.toProto())
            .setService(service)
            .setDeadlineHeight(kit.height() + DEADLINE_BLOCKS)
            .setSeed(seed++)
            .build();
    List<SignedTransaction> requests = new ArrayList<>();
    for (int i = 0; i < requesters(); i++) {
      requests.add(tx(i, Methods.REQUEST_MIGRATION, request));
    }
    requireOk(kit.commit(requests), "migration request for " + service + " to " + target);
    if (state(request).getInner().getState() == AsyncEventState.Type.PENDING) {
      SignedTransaction report =
          awaitBroadcast(tx -> isCall(tx, Methods.REPORT_MIGRATION_RESULT), true);
      List<SignedTransaction> reports = new ArrayList<>(kit.kitPool().drain());
      MigrationStatusProto ours = migrationStatus(report);
      for (int i = 1; i < kit.validators().count(); i++) {
        reports.add(
            tx(
                i,
                Methods.REPORT_MIGRATION_RESULT,
                MigrationResult.newBuilder().setRequest(request).setStatus(ours).build()));
      }
      kit.commit(reports); // the reports: the migration is committed at the end of this block
      kit.commit(List.of()); // and flushed in the next
    }
    MigrationState state = state(request);
    if (state.getInner().getState() != AsyncEventState.Type.SUCCESS) {
      throw new IllegalStateException("Migrating " + service + " to " + target + " ended " + state);
    }
    return state;
  }

  private MigrationState state(MigrationRequest request) {
    return supervisor(s -> s.migrationState(request))
        .orElseThrow(() -> new IllegalStateException("The migration request is lost: " + request));
  }

  private static MigrationStatusProto migrationStatus(SignedTransaction report) {
    try {
      return MigrationResult.parseFrom(report.transaction().getArguments()).getStatus();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("The node's migration report is malformed", e);
    }
  }

  private int requesters() {
    return isDecentralized() ? kit.validators().count() : 1;
  }

  private boolean isDecentralized() {
    return supervisor(s -> s.configuration().getMode()) == SupervisorMode.DECENTRALIZED;
  }

  private <T> T supervisor(java.util.function.Function<SupervisorSchema, T> reader) {
    return kit.read(state -> reader.apply(Supervisor.schema(state).orElseThrow()));
  }

  private SignedTransaction tx(int validator, int methodId, Message arguments) {
    return Transactions.sign(
        kit.validators().serviceKeys(validator),
        Supervisor.INSTANCE_ID,
        methodId,
        arguments.toByteArray());
  }

  private static boolean isCall(SignedTransaction tx, int methodId) {
    return tx.transaction().getCallInfo().getInstanceId() == Supervisor.INSTANCE_ID
        && tx.transaction().getCallInfo().getMethodId() == methodId;
  }

  private SignedTransaction awaitBroadcast(Predicate<SignedTransaction> test) {
    return awaitBroadcast(test, false);
  }

  /**
   * Waits for our node to broadcast a transaction {@code test} accepts; with {@code withBlocks},
   * commits empty blocks meanwhile (a migration result is reported after a commit).
   */
  private SignedTransaction awaitBroadcast(Predicate<SignedTransaction> test, boolean withBlocks) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<SignedTransaction> found =
          kit.kitPool().snapshot().stream().filter(test).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the node's report", e);
      }
      if (withBlocks) {
        kit.commit(List.of());
      }
    }
    throw new IllegalStateException("The node sent no report within " + WAIT);
  }

  private void requireOk(List<TxResult> results, String what) {
    for (TxResult result : results) {
      Optional<ExecutionError> error = result.error();
      if (error.isPresent()) {
        throw new IllegalStateException("The supervisor refused the " + what + ": " + error.get());
      }
    }
  }
}
