package io.polyhost.runtime.js;

/**
 * A migration script stopped for a reason that is a fact about this node (the watchdog, the
 * engine), not about the migration. An {@link Error} on purpose: the dispatcher reports a script's
 * exceptions to the network as the migration's outcome, but stops the node on an error, which is
 * what a node-local fault calls for; the script runs again from its last merge after a restart.
 */
final class MigrationNodeFault extends Error {
  private static final long serialVersionUID = 1L;

  MigrationNodeFault(NodeFaultException cause) {
    super(cause.getMessage(), cause);
  }
}
