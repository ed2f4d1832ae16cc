package io.polyhost.api.runtime;

import java.util.function.Function;

/** The node's side of a runtime, given once at {@link Runtime#initialize}. */
public interface RuntimeEnvironment {
  /**
   * Runs {@code reader} on the latest committed state, for a runtime's read endpoints; the view is
   * valid only while {@code reader} runs.
   *
   * @throws IllegalStateException if the node has no genesis block yet
   */
  <T> T readLatest(Function<BlockchainData, T> reader);
}
