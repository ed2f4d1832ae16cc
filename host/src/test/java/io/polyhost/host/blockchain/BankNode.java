package io.polyhost.host.blockchain;

import io.polyhost.host.testing.TestChain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The child process of {@link BlockchainCrashIT}: opens (or creates) the bank chain and commits
 * {@link BankBlocks} one after another until it is killed.
 *
 * <p>It prints {@code opened h} once the chain is open at height {@code h}, then {@code committing
 * n} before and {@code committed n} after each block, flushing every line: block {@code n} was not
 * merged before {@code committing n} was printed, and was merged once {@code committed n} was.
 *
 * <p>Arguments: the database directory and the seed.
 */
final class BankNode {
  /** Stops a child whose parent never killed it; a run takes a few seconds. */
  private static final long MAX_BLOCKS = 100_000;

  private BankNode() {}

  public static void main(String[] args) {
    Path directory = Path.of(args[0]);
    BankBlocks blocks = new BankBlocks(Long.parseLong(args[1]));
    exitWhenParentGoes();
    try (TestChain node = BankBlocks.chain(directory)) {
      Blockchain chain = node.chain();
      long height = chain.height();
      say("opened " + height);
      for (long n = height + 1; n <= height + MAX_BLOCKS; n++) {
        var txs = blocks.block(n);
        say("committing " + n);
        chain.commitBlock(txs, BankBlocks.time(n));
        say("committed " + n);
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /**
   * The parent never writes to standard input; it closes when the parent dies, and then the child
   * must not go on committing.
   */
  private static void exitWhenParentGoes() {
    Thread.ofPlatform()
        .daemon()
        .name("parent-watcher")
        .start(() -> {
          try (InputStream in = System.in) {
            while (in.read() != -1) {
              // Nothing is ever written; wait for the end of the stream.
            }
          } catch (IOException e) {
            // A broken pipe means the parent is gone as well.
          }
          Runtime.getRuntime().halt(3);
        });
  }
}
