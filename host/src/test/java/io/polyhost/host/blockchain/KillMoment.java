package io.polyhost.host.blockchain;

import io.polyhost.storage.ChildJvm;
import java.time.Duration;
import java.util.SplittableRandom;

/** When {@link BlockchainCrashIT} kills its node in one round; drawn from the seed and printed. */
sealed interface KillMoment {
  /** Waits until it is time to kill {@code node}. */
  void await(ChildJvm node) throws InterruptedException;

  /**
   * The moment for round {@code round}. The kinds take turns, so every run kills during start-up
   * and recovery, at arbitrary moments of block production, and just as a block begins; a third of
   * the rounds is sure to commit blocks.
   */
  static KillMoment forRound(int round, SplittableRandom random) {
    return switch (round % 3) {
      case 0 -> new AfterStart(300 + random.nextInt(2700));
      case 1 -> new AfterOpen(random.nextInt(500));
      default -> new AtBlock(2 + random.nextInt(40));
    };
  }

  /**
   * This many milliseconds after the JVM started: while it starts, opens RocksDB, creates genesis
   * or restores the runtimes, sometimes during the first blocks.
   */
  record AfterStart(int millis) implements KillMoment {
    @Override
    public void await(ChildJvm node) throws InterruptedException {
      node.sleepUntilStartedFor(Duration.ofMillis(millis));
    }
  }

  /** This many milliseconds after the node reported the chain open: anywhere in a block. */
  record AfterOpen(int millis) implements KillMoment {
    @Override
    public void await(ChildJvm node) throws InterruptedException {
      node.awaitLine(line -> line.startsWith("opened "), "'opened'");
      Thread.sleep(millis);
    }
  }

  /** As soon as the node starts the {@code blocks}-th block of its run. */
  record AtBlock(int blocks) implements KillMoment {
    @Override
    public void await(ChildJvm node) throws InterruptedException {
      String opened = node.awaitLine(line -> line.startsWith("opened "), "'opened'");
      String wanted = "committing " + (Long.parseLong(opened.substring(7)) + blocks);
      node.awaitLine(wanted::equals, "'" + wanted + "'");
    }
  }
}
