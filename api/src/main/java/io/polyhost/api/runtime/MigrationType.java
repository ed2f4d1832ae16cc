package io.polyhost.api.runtime;

/** How a started migration proceeds. */
public enum MigrationType {
  /**
   * The new artifact needs no data changes: the service switched to it in the same block and is
   * stopped, ready to be resumed.
   */
  FAST_FORWARD,
  /**
   * A script migrates the data in the background on every node; validators then agree on the
   * resulting hash before it is committed and, in a later block, flushed.
   */
  ASYNC
}
