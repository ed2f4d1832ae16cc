package io.polyhost.host.dispatcher;

import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.api.runtime.Mailbox;
import io.polyhost.storage.Snapshot;
import java.util.Optional;

/** The {@link AfterCommitContext} of one committed block, valid while its snapshot is open. */
record CommitContext(
    BlockchainData data,
    long height,
    Mailbox mailbox,
    Optional<Broadcaster> broadcaster,
    Optional<Integer> validatorId,
    Snapshot snapshot)
    implements AfterCommitContext {

  @Override
  public Optional<MigrationStatusProto> localMigrationResult(String service) {
    return new DispatcherSchema(snapshot).localMigrationResults().get(service);
  }
}
