package io.polyhost.host.blockchain;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.KeySetIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The persisted set of transactions waiting for a block: {@code core.transactions_pool} holds the
 * hashes, {@code core.transactions} the signed bytes, {@code core.transactions_pool_len} the count.
 *
 * <p>Persisting the pool lets pooled transactions survive a restart of the node. A transaction
 * leaves the pool in the same patch as the block that commits it ({@link
 * CoreSchema#appendToBlock}), so a crash can neither lose it nor commit it twice. Its bytes stay in
 * {@code core.transactions} after removal, as every known transaction's do.
 */
public final class PooledTransactions {
  private final CoreSchema schema;
  private final KeySetIndex<Hash> hashes;
  private final Entry<Long> size;

  PooledTransactions(CoreSchema schema, KeySetIndex<Hash> hashes, Entry<Long> size) {
    this.schema = schema;
    this.hashes = hashes;
    this.size = size;
  }

  /**
   * Adds {@code tx} unless it is already pooled or committed.
   *
   * @return whether the pool changed
   * @throws io.polyhost.api.storage.ReadOnlyStorageException if the schema is read-only
   */
  public boolean add(SignedTransaction tx) {
    if (hashes.contains(tx.hash()) || schema.location(tx.hash()).isPresent()) {
      return false;
    }
    schema.saveTransaction(tx);
    hashes.add(tx.hash());
    size.set(size() + 1);
    return true;
  }

  /**
   * Removes the transaction {@code hash} from the pool, keeping its bytes.
   *
   * @return whether it was pooled
   * @throws io.polyhost.api.storage.ReadOnlyStorageException if the schema is read-only
   */
  public boolean remove(Hash hash) {
    if (!hashes.contains(hash)) {
      return false;
    }
    hashes.remove(hash);
    size.set(size() - 1);
    return true;
  }

  /** Removes those of {@code committed} that are pooled, writing the count once. */
  void removeAll(List<Hash> committed) {
    if (size() == 0) {
      // The usual case when the node keeps its pool in memory: no lookup per transaction.
      return;
    }
    long removed = 0;
    for (Hash hash : committed) {
      if (hashes.contains(hash)) {
        hashes.remove(hash);
        removed++;
      }
    }
    if (removed > 0) {
      size.set(size() - removed);
    }
  }

  /** Whether the transaction {@code hash} is pooled. */
  public boolean contains(Hash hash) {
    return hashes.contains(hash);
  }

  /** The pooled transaction {@code hash}, if pooled. */
  public Optional<SignedTransaction> get(Hash hash) {
    return contains(hash) ? schema.transaction(hash) : Optional.empty();
  }

  /** The number of pooled transactions. */
  public long size() {
    return size.get().orElse(0L);
  }

  /** Every pooled hash, in byte order of the hashes (not arrival order). */
  public List<Hash> hashes() {
    List<Hash> out = new ArrayList<>();
    hashes.forEach(out::add);
    return out;
  }
}
