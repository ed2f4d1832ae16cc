package io.polyhost.host.blockchain;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.host.testing.TestChain;
import io.polyhost.storage.ChildJvm;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.index.IndexViews;
import io.polyhost.storage.index.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the blockchain: a node in a child JVM ({@link BankNode}) commits blocks of bank
 * transfers as fast as it can and is killed with SIGKILL at random moments; after each kill the
 * database is opened here and checked, and the next node carries on from what it holds.
 *
 * <p>After each kill: the stored height is at least the last block the node reported committed (no
 * acknowledged block is lost) and at most the last it began; {@link ChainAudit} finds the chain
 * well formed, block by block; and every header, hence every state hash, equals that of the same
 * blocks replayed here into a database that never crashed, as do the bank's plain-map data and the
 * total of its balances.
 */
class BlockchainCrashIT {
  private static final int ROUNDS = 12;

  @TempDir Path temp;

  @Test
  void aKilledNodeLosesNoCommittedBlockAndMatchesAReplay() throws Exception {
    long seed = Seeds.pick("BlockchainCrashIT");
    SplittableRandom random = new SplittableRandom(seed);
    BankBlocks blocks = new BankBlocks(seed);
    Path crashed = temp.resolve("crashed");
    long startedNanos = System.nanoTime();
    long stored = -1; // no genesis block yet
    int progressed = 0;
    try (TestChain replay = BankBlocks.chain(temp.resolve("replay"))) {
      List<Block> replayed = new ArrayList<>(List.of(replay.chain().lastBlock()));
      for (int round = 1; round <= ROUNDS; round++) {
        KillMoment moment = KillMoment.forRound(round, random);
        String context = "seed=" + seed + ", round " + round + " " + moment;
        long roundNanos = System.nanoTime();
        NodeOutput output;
        try (ChildJvm node =
            ChildJvm.start(
                BankNode.class, temp.resolve("node"), crashed.toString(), Long.toString(seed))) {
          moment.await(node);
          output = NodeOutput.of(node.kill());
        }
        long before = stored;
        stored = checkAfterKill(crashed, before, output, blocks, replay, replayed, context);
        progressed += stored > before ? 1 : 0;
        System.out.printf(
            "round %d %s: %s -> height %d stored (%d ms)%n",
            round, moment, output.summary(), stored, millisSince(roundNanos));
      }
    }
    System.out.printf(
        "seed=%d: %d kills, height %d, %d rounds committed blocks, %d ms%n",
        seed, ROUNDS, stored, progressed, millisSince(startedNanos));
    // The at-block rounds wait for the second block of their run at least, so a run whose nodes
    // commit nothing cannot pass.
    assertThat(progressed)
        .as("seed=%d: rounds in which blocks were committed", seed)
        .isGreaterThanOrEqualTo(ROUNDS / 3);
  }

  /**
   * Checks the database after a kill and returns its height, or -1 before genesis.
   *
   * @param before the height when the node started
   */
  private static long checkAfterKill(
      Path crashed,
      long before,
      NodeOutput output,
      BankBlocks blocks,
      TestChain replay,
      List<Block> replayed,
      String context) {
    assertThat(output.exitCode())
        .as("%s: exit code of the killed node; its stderr: %s", context, output.stderr())
        .isEqualTo(ChildJvm.KILLED);
    if (output.opened().isPresent()) {
      assertThat(output.opened().getAsLong())
          .as("%s: the height the node found on opening", context)
          .isEqualTo(Math.max(before, 0));
    }
    long reported = output.lastCommitted().orElse(output.opened().orElse(before));
    long started = output.lastCommitting().orElse(output.opened().orElse(Math.max(before, 0)));
    try (RocksDbDatabase db = RocksDbDatabase.open(crashed);
        Snapshot snapshot = db.snapshot()) {
      CoreSchema core = CoreSchema.over(snapshot);
      long stored = core.hasGenesis() ? core.height() : -1;
      assertThat(stored)
          .as(
              "%s: height stored; the node reported %d committed and began %d",
              context, reported, started)
          .isBetween(reported, started);
      List<Block> chain = ChainAudit.check(core, blocks, context);
      replayTo(replay, replayed, stored, blocks);
      for (int h = 0; h < chain.size(); h++) {
        assertThat(chain.get(h).stateHash())
            .as("%s: state hash of block %d, stored versus replayed", context, h)
            .isEqualTo(replayed.get(h).stateHash());
        assertThat(chain.get(h))
            .as("%s: header of block %d, stored versus replayed", context, h)
            .isEqualTo(replayed.get(h));
      }
      if (stored >= 0) {
        var bank = IndexViews.over(snapshot.prefixed("bank"));
        assertThat(ChainAudit.supply(bank))
            .as("%s: the sum of all balances", context)
            .isEqualTo(Bank.ACCOUNTS * Bank.OPENING_BALANCE);
        Map<String, String> expected =
            replay.read(data ->
                ChainAudit.plainData(data.forService(InstanceQuery.name("bank")).orElseThrow()));
        assertThat(ChainAudit.plainData(bank))
            .as("%s: the bank's plain-map data, stored versus replayed", context)
            .isEqualTo(expected);
      }
      return stored;
    }
  }

  /**
   * Commits blocks to the replay up to {@code height}; it only moves forward, as the chain must.
   */
  private static void replayTo(
      TestChain replay, List<Block> replayed, long height, BankBlocks blocks) {
    for (long h = replayed.size(); h <= height; h++) {
      replayed.add(replay.chain().commitBlock(blocks.block(h), BankBlocks.time(h)));
    }
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
