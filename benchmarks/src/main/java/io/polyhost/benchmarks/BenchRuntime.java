package io.polyhost.benchmarks;

import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.Version;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The smallest runtime that can host {@link BenchBank}: one artifact, no bookkeeping per call, so a
 * benchmark measures the host's cost of a transaction and not a test runtime's logging.
 */
final class BenchRuntime implements Runtime {
  static final int ID = 1;
  static final ArtifactId BANK = ArtifactId.parse(ID + ":bench-bank:1.0.0");

  private boolean deployed;

  @Override
  public CompletionStage<Void> deployArtifact(ArtifactId artifact, byte[] deploySpec) {
    checkBank(artifact);
    deployed = true;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean isArtifactDeployed(ArtifactId artifact) {
    return deployed && artifact.equals(BANK);
  }

  @Override
  public void initiateAddingService(
      ExecutionContext context, ArtifactId artifact, byte[] parameters) {
    checkBank(artifact);
    BenchBank.initialize(context, parameters);
  }

  @Override
  public void initiateResumingService(
      ExecutionContext context, ArtifactId artifact, byte[] parameters) {
    checkBank(artifact);
  }

  @Override
  public void updateServiceStatus(BlockchainData snapshot, InstanceState state) {}

  @Override
  public Optional<MigrationScript> migrate(ArtifactId newArtifact, Version dataVersion) {
    throw new InitMigrationException(newArtifact + " has no migrations");
  }

  @Override
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    BenchBank.execute(context, methodId, arguments);
  }

  @Override
  public void beforeTransactions(ExecutionContext context) {}

  @Override
  public void afterTransactions(ExecutionContext context) {}

  @Override
  public void afterCommit(AfterCommitContext context) {}

  private static void checkBank(ArtifactId artifact) {
    if (!artifact.equals(BANK)) {
      throw new IllegalArgumentException("The benchmark runtime offers only " + BANK);
    }
  }
}
