package io.polyhost.api.runtime;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.proto.ConsensusConfigProto;

/**
 * The privileged operations the supervisor (instance 0, and only it) performs on the dispatcher.
 *
 * <p>Each operation changes the registry within the current call: if the call fails, the change is
 * rolled back with it. Changes of status take effect at the end of the block (a started service is
 * callable from the next block; a stopped one works until its block ends). Every method throws
 * {@link ExecutionException} with the dispatcher's {@code CoreError} code when a precondition does
 * not hold.
 */
public interface SupervisorExtensions {
  /**
   * Registers {@code artifact}, which every node must have deployed when the block commits;
   * services can use it from the next block.
   */
  void startArtifactRegistration(ArtifactId artifact, byte[] deploySpec);

  /** Marks an active artifact that no service uses for unloading when the block commits. */
  void unloadArtifact(ArtifactId artifact);

  /**
   * Checks that {@code artifact} could be unloaded now, without unloading it: it must be active and
   * neither run by a service nor the target of a migration.
   */
  void checkUnloadingArtifact(ArtifactId artifact);

  /** Creates a service: validates the spec, then runs its constructor with {@code constructor}. */
  void initiateAddingService(InstanceSpec spec, byte[] constructor);

  /** Stops an active or frozen service at the end of the block. */
  void initiateStoppingService(int instanceId);

  /** Freezes an active service at the end of the block, if its runtime supports freezing. */
  void initiateFreezingService(int instanceId);

  /**
   * Resumes a stopped or frozen service whose data matches its artifact, running its resume hook.
   */
  void initiateResumingService(int instanceId, byte[] parameters);

  /** Starts migrating the data of a stopped or frozen service to {@code newArtifact}. */
  MigrationType initiateMigration(ArtifactId newArtifact, String serviceName);

  /** Abandons a running migration: its data is erased and the service stays stopped. */
  void rollbackMigration(String serviceName);

  /** Commits a finished migration whose data hashes to {@code hash} on every validator. */
  void commitMigration(String serviceName, Hash hash);

  /**
   * Replaces the service's data with the migrated data of a migration committed in an earlier
   * block.
   */
  void flushMigration(String serviceName);

  /** Whether the runtime {@code runtimeId} exists and supports {@code feature}. */
  boolean checkFeature(int runtimeId, RuntimeFeature feature);

  /** Replaces the consensus configuration (validators and limits) from the next block. */
  void setConsensusConfig(ConsensusConfigProto config);
}
