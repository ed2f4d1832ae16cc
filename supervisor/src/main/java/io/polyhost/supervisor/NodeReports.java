package io.polyhost.supervisor;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.proto.ExecutionStatusProto;
import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.DeployResult;
import io.polyhost.supervisor.proto.MigrationRequest;
import io.polyhost.supervisor.proto.MigrationResult;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node does after each commit (node-local, outside consensus): deploys the artifacts of
 * approved deployments and reports the outcome, and reports finished migration scripts.
 *
 * <p>A deployment is attempted once per request on this node (a failure is not retried every
 * block); its result is broadcast as soon as it is known, and again after later commits while the
 * chain does not show this validator's report. Ed25519 signatures are deterministic, so a repeat is
 * the same transaction and the pool drops it.
 */
final class NodeReports {
  private static final Logger LOG = LoggerFactory.getLogger(NodeReports.class);

  private final Map<DeployRequest, CompletableFuture<DeployResult>> deployments =
      new ConcurrentHashMap<>();

  void afterCommit(AfterCommitContext context) {
    Optional<SupervisorSchema> found =
        context
            .data()
            .forService(InstanceQuery.id(Supervisor.INSTANCE_ID))
            .map(SupervisorSchema::new);
    if (found.isEmpty()) {
      return;
    }
    SupervisorSchema schema = found.get();
    Optional<Broadcaster> broadcaster = context.broadcaster();
    Optional<PublicKey> us = broadcaster.map(Broadcaster::serviceKey);
    Set<DeployRequest> pending = new HashSet<>();
    schema
        .pendingDeployments()
        .values()
        .forEachRemaining(request -> {
          boolean open =
              schema
                  .deployStates()
                  .get(request)
                  .filter(s -> s.getState() == AsyncEventState.Type.PENDING)
                  .isPresent();
          boolean reported =
              us.filter(key -> schema.deployConfirmations().confirmedBy(request, key)).isPresent();
          if (open && !reported) {
            pending.add(request);
            deploy(context, request, broadcaster);
          }
        });
    deployments.keySet().retainAll(pending);
    broadcaster.ifPresent(b -> reportMigrations(context, schema, b));
  }

  private void deploy(
      AfterCommitContext context, DeployRequest request, Optional<Broadcaster> broadcaster) {
    CompletableFuture<DeployResult> known = deployments.get(request);
    if (known != null) {
      if (known.isDone()) {
        broadcaster.ifPresent(b -> send(b, 1, known.join().toByteArray(), request));
      }
      return;
    }
    ArtifactId artifact = ArtifactId.fromProto(request.getArtifact());
    CompletableFuture<DeployResult> result =
        context
            .mailbox()
            .requestDeploy(artifact, request.getSpec().toByteArray())
            .handle((ok, error) -> result(request, error))
            .toCompletableFuture();
    deployments.put(request, result);
    result.thenAccept(r -> broadcaster.ifPresent(b -> send(b, 1, r.toByteArray(), request)));
  }

  private static DeployResult result(
      DeployRequest request, @org.jspecify.annotations.Nullable Throwable error) {
    ExecutionStatusProto.Builder status = ExecutionStatusProto.newBuilder();
    if (error == null) {
      status.setOk(com.google.protobuf.Empty.getDefaultInstance());
    } else {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      ExecutionError reason =
          cause instanceof ExecutionException e
              ? e.error()
              : ExecutionError.unexpected("Cannot deploy: " + cause);
      LOG.warn("Deploying {} failed here: {}", Heights.describe(request.getArtifact()), reason);
      status.setError(reason.toProto());
    }
    return DeployResult.newBuilder().setRequest(request).setResult(status).build();
  }

  private static void reportMigrations(
      AfterCommitContext context, SupervisorSchema schema, Broadcaster broadcaster) {
    schema
        .pendingMigrations()
        .entries()
        .forEachRemaining(entry -> {
          MigrationRequest request = entry.getValue();
          if (schema.migrationConfirmations().confirmedBy(request, broadcaster.serviceKey())) {
            return;
          }
          Optional<MigrationStatusProto> status =
              context.localMigrationResult(request.getService());
          status.ifPresent(s ->
              send(
                  broadcaster,
                  5,
                  MigrationResult.newBuilder()
                      .setRequest(request)
                      .setStatus(s)
                      .build()
                      .toByteArray(),
                  request));
        });
  }

  private static void send(Broadcaster broadcaster, int method, byte[] arguments, Object about) {
    try {
      broadcaster.broadcast(Supervisor.INSTANCE_ID, method, arguments);
    } catch (IllegalStateException e) {
      // Usually the same report is pooled or committed already.
      LOG.debug("Report {} not sent: {}", about, e.getMessage());
    }
  }
}
