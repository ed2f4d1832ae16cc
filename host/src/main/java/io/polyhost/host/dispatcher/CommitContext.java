package io.polyhost.host.dispatcher;

import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Broadcaster;
import io.polyhost.api.runtime.Mailbox;
import java.util.Optional;

/** The {@link AfterCommitContext} of one committed block. */
record CommitContext(
    BlockchainData data,
    long height,
    Mailbox mailbox,
    Optional<Broadcaster> broadcaster,
    Optional<Integer> validatorId)
    implements AfterCommitContext {}
