package io.polyhost.host.cli;

import io.polyhost.api.crypto.Hash;
import io.polyhost.host.blockchain.CoreSchema;
import io.polyhost.host.blockchain.PooledTransactions;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code polyhost maintenance clear-pool}: drops the transactions a stopped node saved from its
 * pool, e.g. a flood that would otherwise be proposed again after the restart.
 */
@Command(
    name = "clear-pool",
    mixinStandardHelpOptions = true,
    description = "Removes every transaction a stopped node saved from its pool.")
final class ClearPoolCommand implements Callable<Integer> {
  @Spec private @org.jspecify.annotations.Nullable CommandSpec spec;
  @Mixin private DataOptions data = new DataOptions();

  @Override
  public Integer call() {
    var config = data.nodeConfig(System.getenv());
    int removed;
    try (RocksDbDatabase db = StoppedNode.open(config.dataDir());
        Fork fork = db.fork()) {
      PooledTransactions pool = CoreSchema.over(fork).pool();
      List<Hash> hashes = pool.hashes();
      hashes.forEach(pool::remove);
      db.merge(fork.intoPatch());
      removed = hashes.size();
    }
    var out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
    out.println(
        "Removed "
            + removed
            + " saved pool transaction"
            + (removed == 1 ? "" : "s")
            + " from "
            + config.dataDir());
    out.flush();
    return 0;
  }
}
