package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.index.ProofMapModelContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof map model test against RocksDB: a flush is alternately a fork flush and a merge into
 * the database followed by a fresh fork; rollbacks are fork rollbacks.
 */
class RocksDbProofMapModelTest extends ProofMapModelContract {
  @TempDir Path dir;
  private RocksDbDatabase db;
  private Fork fork;
  private int flushes;

  @BeforeEach
  void open() {
    db = RocksDbDatabase.open(dir);
    fork = db.fork();
  }

  @AfterEach
  void close() {
    fork.close();
    db.close();
  }

  @Override
  protected RawIndex newIndex(String name) {
    return fork.rawIndex(IndexAddress.of(name), IndexType.PROOF_MAP);
  }

  @Override
  protected RawIndex flush(RawIndex raw) {
    if (flushes++ % 2 == 0) {
      fork.flush();
      return raw;
    }
    Patch patch = fork.intoPatch();
    db.merge(patch);
    patch.close();
    fork = db.fork();
    return fork.rawIndex(raw.address(), raw.type());
  }

  @Override
  protected RawIndex rollback(RawIndex raw) {
    fork.rollback();
    // Reopen: a rollback may have undone the creation of the index itself.
    return fork.rawIndex(raw.address(), raw.type());
  }
}
