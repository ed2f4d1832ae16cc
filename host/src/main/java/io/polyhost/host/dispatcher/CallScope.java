package io.polyhost.host.dispatcher;

import io.polyhost.storage.Fork;

/**
 * What every call of one block shares: the fork, the block, the runtimes, the routing table as of
 * the last commit, and the registry's state machine on the fork.
 */
record CallScope(
    Fork fork,
    BlockInfo block,
    Runtimes runtimes,
    CommittedServices committed,
    CoreRecords core,
    Lifecycle lifecycle) {

  static CallScope of(
      Fork fork,
      BlockInfo block,
      Runtimes runtimes,
      CommittedServices committed,
      CoreRecords core) {
    return new CallScope(
        fork,
        block,
        runtimes,
        committed,
        core,
        new Lifecycle(new DispatcherSchema(fork), runtimes));
  }
}
