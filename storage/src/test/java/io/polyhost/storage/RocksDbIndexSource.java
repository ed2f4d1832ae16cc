package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.index.RawIndexSource;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Raw indexes in a real RocksDB database. Between operations of a model check it randomly keeps
 * going, flushes, makes and rolls back a throw-away change, merges the fork into the database and
 * continues in a fresh fork, or closes and reopens the whole database: none of which may change
 * what the index holds.
 */
final class RocksDbIndexSource implements RawIndexSource, AutoCloseable {
  private final Path directory;
  private final SplittableRandom random;
  private RocksDbDatabase db;
  private Fork fork;
  private int created;

  RocksDbIndexSource(Path directory, long seed) {
    this.directory = directory;
    this.random = new SplittableRandom(seed);
    this.db = RocksDbDatabase.open(directory);
    this.fork = db.fork();
  }

  @Override
  public RawIndex create(IndexType type) {
    return fork.rawIndex(IndexAddress.of("model.index" + created++), type);
  }

  @Override
  public RawIndex reopen(RawIndex raw) {
    switch (random.nextInt(6)) {
      case 0 -> fork.flush();
      case 1 -> {
        fork.flush();
        raw.clear();
        raw.put(new byte[] {1, 2, 3}, new byte[] {4});
        fork.rollback();
      }
      case 2 -> mergeAndContinue();
      case 3 -> {
        mergeAndContinue();
        db.close();
        db = RocksDbDatabase.open(directory);
        fork.close();
        fork = db.fork();
      }
      default -> {
        return raw;
      }
    }
    return fork.rawIndex(raw.address(), raw.type());
  }

  private void mergeAndContinue() {
    Patch patch = fork.intoPatch();
    db.merge(patch);
    patch.close();
    fork = db.fork();
  }

  @Override
  public void close() {
    fork.close();
    db.close();
  }
}
