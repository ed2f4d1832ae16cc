package io.polyhost.host.dispatcher;

/**
 * What a block did to an instance's migration, recorded with the instance so the commit knows
 * whether to start, wait for, or abort a script. The ordinal is persisted: append only.
 */
enum MigrationStep {
  /** Nothing migration-related (a plain status change). */
  NONE,
  /** A migration started: the script starts when the block commits. */
  START,
  /** A migration was committed: the local script must finish with the agreed hash. */
  COMMIT,
  /** A migration was rolled back: the script is aborted and its data erased. */
  ROLLBACK,
  /**
   * A committed migration was flushed: its data replaces the old data when the block's transitions
   * end ({@link MigrationTransitions#applyFlushes}), not inside the supervisor's call.
   */
  FLUSH;

  static MigrationStep of(int ordinal) {
    MigrationStep[] all = values();
    if (ordinal < 0 || ordinal >= all.length) {
      throw new IllegalStateException("Unknown migration step " + ordinal + " in the registry");
    }
    return all[ordinal];
  }
}
