package io.polyhost.host.admin;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.supervisor.proto.DeployRequest;
import java.util.Optional;

/**
 * What {@link Administration#deployAndStart} did.
 *
 * @param artifact the artifact
 * @param deployRequest the deploy request it sent; empty if the artifact was deployed already
 * @param deployTx that request's transaction
 * @param startTx the transaction of the proposal that started the service
 * @param instance the started service
 */
public record DeployAndStart(
    ArtifactId artifact,
    Optional<DeployRequest> deployRequest,
    Optional<Hash> deployTx,
    Hash startTx,
    InstanceSpec instance) {}
