package io.polyhost.runtime.java;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.Mailbox;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What one service sees after a commit: the node's context, with the broadcaster only for an active
 * service and the mailbox only for the supervisor (instance 0).
 */
final class ServiceCommitContext implements AfterCommitContext {
  private static final Mailbox REFUSING =
      (artifact, spec) ->
          CompletableFuture.failedFuture(
              CommonError.UNAUTHORIZED_CALLER.exception(
                  "Only the supervisor may request deployments"));

  private final AfterCommitContext node;
  private final RunningService service;

  ServiceCommitContext(AfterCommitContext node, RunningService service) {
    this.node = node;
    this.service = service;
  }

  @Override
  public BlockchainData data() {
    return node.data();
  }

  @Override
  public long height() {
    return node.height();
  }

  @Override
  public Mailbox mailbox() {
    return service.spec().id() == 0 ? node.mailbox() : REFUSING;
  }

  @Override
  public Optional<Broadcaster> broadcaster() {
    return service.status() instanceof InstanceStatus.Active
        ? node.broadcaster()
        : Optional.empty();
  }

  @Override
  public Optional<Integer> validatorId() {
    return node.validatorId();
  }

  @Override
  public Optional<MigrationStatusProto> localMigrationResult(String service) {
    return node.localMigrationResult(service);
  }
}
