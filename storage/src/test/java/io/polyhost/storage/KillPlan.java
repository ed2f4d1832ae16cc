package io.polyhost.storage;

import java.time.Duration;
import java.util.SplittableRandom;

/** When {@link CrashSafetyIT} kills its child in one round; drawn from the seed and printed. */
sealed interface KillPlan {
  /** Waits until it is time to kill {@code child}. */
  void await(ChildJvm child) throws InterruptedException;

  /**
   * The plan for round {@code round}. The three kinds take turns so that every run has kills in
   * every phase and a third of the rounds are sure to make progress.
   */
  static KillPlan forRound(int round, SplittableRandom random) {
    return switch (round % 3) {
      case 0 -> new AfterStart(random.nextInt(900));
      case 1 -> new AfterOpen(random.nextInt(600));
      default -> new AtMerge(2 + random.nextInt(40));
    };
  }

  /**
   * Kill this many milliseconds after starting the child: often while the JVM starts or while
   * RocksDB opens the database and recovers its log, sometimes during the first merges.
   */
  record AfterStart(int millis) implements KillPlan {
    @Override
    public void await(ChildJvm child) throws InterruptedException {
      child.sleepUntilStartedFor(Duration.ofMillis(millis));
    }
  }

  /**
   * Kill this many milliseconds after the child reported opening the database: at an arbitrary
   * moment of the loop, usually while it builds a patch, sometimes inside a merge.
   */
  record AfterOpen(int millis) implements KillPlan {
    @Override
    public void await(ChildJvm child) throws InterruptedException {
      child.awaitLine(line -> line.startsWith("opened "), "'opened'");
      Thread.sleep(millis);
    }
  }

  /**
   * Kill as soon as the child reports starting the merge of the {@code patches}-th patch of this
   * run: the kill lands inside that merge or just after it.
   */
  record AtMerge(int patches) implements KillPlan {
    @Override
    public void await(ChildJvm child) throws InterruptedException {
      String opened = child.awaitLine(line -> line.startsWith("opened "), "'opened'");
      long target = Long.parseLong(opened.substring("opened ".length())) + patches;
      String wanted = "merging " + target;
      child.awaitLine(wanted::equals, "'" + wanted + "'");
    }
  }
}
