package io.polyhost.host.ordering;

import java.util.concurrent.CompletionStage;

/**
 * Decides when blocks are cut and which transactions, in which order, they hold.
 *
 * <p>{@link EmbeddedOrdering} serves a single validator; an engine replicating the order among
 * several validators (Apache Ratis) will implement the same interface, so the node wires either one
 * the same way.
 */
public interface OrderingEngine extends AutoCloseable {
  /**
   * Starts cutting blocks.
   *
   * @throws IllegalStateException if the engine was started before
   */
  void start();

  /**
   * Stops cutting blocks and waits until the block in progress, if any, is committed. Idempotent;
   * an engine that was never started just becomes stopped.
   */
  void stop();

  /**
   * Completes normally once the engine has stopped, or exceptionally with the error that stopped it
   * (e.g. the block producer failed).
   */
  CompletionStage<Void> termination();

  /** Same as {@link #stop()}. */
  @Override
  default void close() {
    stop();
  }
}
