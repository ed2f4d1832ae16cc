package io.polyhost.api.runtime;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.storage.IndexAccess;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of the blockchain's state: the core's records and the data of every readable
 * service.
 *
 * <p>Inside a call it shows the state as the block has changed it so far; after a commit it shows
 * the committed block. Every index opened through it is read-only: a service changes another
 * service's data only by calling it.
 */
public interface BlockchainData {
  /**
   * The height of the latest committed block this view contains.
   *
   * @throws IllegalStateException if the view predates the genesis block
   */
  long height();

  /** The consensus configuration in force: the validators and the block limits. */
  ConsensusConfigProto consensusConfig();

  /** Every registered artifact with its status. */
  Map<ArtifactId, ArtifactStatus> artifacts();

  /** Every service instance, in id order. */
  List<InstanceState> instances();

  /** The instance {@code query} names, whatever its status. */
  Optional<InstanceState> instance(InstanceQuery query);

  /**
   * The data of the instance {@code query} names, read-only; empty unless the instance exists and
   * its status (or its status pending in this block) lets others read it: active, frozen or
   * migrating.
   */
  Optional<IndexAccess> forService(InstanceQuery query);

  /**
   * The data of the instance {@code query} names, read-only, after checking that the instance runs
   * an artifact {@code required} accepts; so a service reading another's schema notices when that
   * schema may have changed under it.
   *
   * @throws ExecutionException with {@code CoreError.INCORRECT_INSTANCE_ID} if the instance is
   *     missing or unreadable, or its artifact has another name or an incompatible version
   */
  IndexAccess forService(InstanceQuery query, ArtifactReq required);
}
