package io.polyhost.api.runtime;

import java.util.function.BiFunction;
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

  /**
   * Like {@link #readLatest}, also handing {@code reader} a prover for that same state, so a read
   * endpoint can prove what it answers to a light client.
   *
   * <p>The default gives a prover that refuses: environments that hold no certified blocks (tests
   * of a runtime alone) cannot prove anything.
   *
   * @throws IllegalStateException if the node has no genesis block yet
   */
  default <T> T readLatestProven(BiFunction<BlockchainData, StateProver, T> reader) {
    return readLatest(data ->
        reader.apply(
            data,
            (name, entries) -> {
              throw new IllegalStateException(
                  "This environment holds no certified blocks, so it cannot prove index " + name);
            }));
  }
}
