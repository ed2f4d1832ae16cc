package io.polyhost.runtime.java;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.api.runtime.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The node's after-commit context on a validator, recording what services broadcast. */
final class FakeCommitContext implements AfterCommitContext {
  final List<String> broadcasts = new ArrayList<>();

  @Override
  public BlockchainData data() {
    return new RefusingBlockchainData();
  }

  @Override
  public long height() {
    return 1;
  }

  @Override
  public Mailbox mailbox() {
    return (artifact, spec) ->
        CompletableFuture.failedFuture(new UnsupportedOperationException("no deploys here"));
  }

  @Override
  public Optional<Broadcaster> broadcaster() {
    return Optional.of(
        new Broadcaster() {
          @Override
          public PublicKey serviceKey() {
            throw new UnsupportedOperationException();
          }

          @Override
          public Hash broadcast(int instanceId, int methodId, byte[] arguments) {
            broadcasts.add(instanceId + ":" + methodId + ":" + new String(arguments));
            return Hash.zero();
          }
        });
  }

  @Override
  public Optional<Integer> validatorId() {
    return Optional.of(0);
  }

  @Override
  public Optional<MigrationStatusProto> localMigrationResult(String service) {
    return Optional.empty();
  }
}
