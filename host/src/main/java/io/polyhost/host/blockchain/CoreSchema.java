package io.polyhost.host.blockchain;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockCertificate;
import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.StorageAccess;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The blockchain's own data, under the {@code core.} prefix with Exonum's index names: blocks,
 * transactions, call errors, certificates, the consensus configuration and the transaction pool.
 *
 * <p>Open it over a fork to write (the block executor) or over a snapshot to read (APIs, proofs);
 * on a read-only access every write throws {@link
 * io.polyhost.api.storage.ReadOnlyStorageException}. Only {@code core.consensus_config} enters the
 * state hash; block contents are committed to by the block header instead ({@code tx_hash}, {@code
 * error_hash}), since group members are never aggregated.
 *
 * <p>The write methods check the invariants the executor relies on (heights in sequence, a chain of
 * previous hashes, a header that matches the stored lists) and throw {@link
 * IllegalArgumentException} or {@link IllegalStateException} naming the broken one: such a bug must
 * stop a node before it commits, not after.
 */
public final class CoreSchema {
  /** The namespace of every core index. */
  public static final String PREFIX = "core";

  /** The full name of the consensus configuration entry, for index proofs. */
  public static final String CONSENSUS_CONFIG_INDEX = PREFIX + ".consensus_config";

  private final CoreIndexes indexes;

  private CoreSchema(CoreIndexes indexes) {
    this.indexes = indexes;
  }

  /** The core schema of {@code access} (a fork, a snapshot or a patch, not a prefixed view). */
  public static CoreSchema over(StorageAccess access) {
    return new CoreSchema(new CoreIndexes(access.prefixed(PREFIX)));
  }

  /** Whether writes are accepted. */
  public boolean isWritable() {
    return indexes.isWritable();
  }

  /** Whether the genesis block is committed. */
  public boolean hasGenesis() {
    return !indexes.blockHashes().isEmpty();
  }

  /**
   * The height of the latest committed block.
   *
   * @throws IllegalStateException if there is no genesis block yet
   */
  public long height() {
    long size = indexes.blockHashes().size();
    if (size == 0) {
      throw new IllegalStateException("No genesis block yet: the blockchain has no height");
    }
    return size - 1;
  }

  /** The height of the block being built: 0 before genesis, otherwise {@link #height()} + 1. */
  public long nextHeight() {
    return indexes.blockHashes().size();
  }

  /** The hash of the block at {@code height}, if committed. */
  public Optional<Hash> blockHash(long height) {
    return height < 0 ? Optional.empty() : indexes.blockHashes().get(height);
  }

  /** The block at {@code height}, if committed. */
  public Optional<Block> block(long height) {
    return blockHash(height).flatMap(this::block);
  }

  /** The block with header hash {@code hash}, if stored. */
  public Optional<Block> block(Hash hash) {
    return indexes.blocks().get(hash).map(Block::fromProto);
  }

  /** The hash of the latest committed block, or empty before genesis: no header is parsed. */
  public Optional<Hash> lastBlockHash() {
    return indexes.blockHashes().last();
  }

  /** The latest committed block, or empty before genesis. */
  public Optional<Block> lastBlock() {
    return indexes.blockHashes().last().flatMap(this::block);
  }

  /**
   * Stores the header of the block at {@link #nextHeight()}, which makes that height committed.
   *
   * @return the block's hash, under which it is stored
   * @throws IllegalArgumentException if the header's height, previous hash, transaction count,
   *     {@code tx_hash} or {@code error_hash} disagree with the stored chain and lists
   */
  public Hash saveBlock(Block block) {
    long next = nextHeight();
    // The messages are built only for a refusal: hashes in hex cost more than the checks.
    check(
        block.height() == next,
        () -> "Block height " + block.height() + " is not the next, " + next);
    // The stored hash of the latest block: the same as hashing its header, without parsing it.
    Hash prev = lastBlockHash().orElse(Hash.zero());
    check(
        block.prevHash().equals(prev),
        () -> "Block " + next + " names previous hash " + block.prevHash() + ", but it is " + prev);
    BlockTransactions txs = indexes.blockTransactions();
    long saved = txs.size(next);
    check(
        block.txCount() == saved,
        () ->
            "Block " + next + " claims " + block.txCount() + " transactions; " + saved + " saved");
    Hash listHash = txs.listHash(next);
    check(
        block.txHash().equals(listHash),
        () ->
            "Block "
                + next
                + " has tx_hash "
                + block.txHash()
                + ", but the list hashes to "
                + listHash);
    Hash errors = callErrors(next).hash();
    check(
        block.errorHash().equals(errors),
        () ->
            "Block "
                + next
                + " has error_hash "
                + block.errorHash()
                + ", but errors hash to "
                + errors);
    Hash hash = block.hash();
    indexes.blocks().put(hash, block.toProto());
    indexes.blockHashes().add(hash);
    return hash;
  }

  /**
   * Stores the certificate of a stored block, replacing any earlier one.
   *
   * @throws IllegalArgumentException if no block with that hash is stored, or it has another height
   */
  public void saveCertificate(BlockCertificate certificate) {
    Hash hash = certificate.blockHash();
    // A stored block's hash is listed at its height, so one list read checks both conditions; the
    // header is parsed only to explain a refusal.
    if (!blockHash(certificate.height()).filter(hash::equals).isPresent()) {
      Block block =
          block(hash)
              .orElseThrow(() ->
                  new IllegalArgumentException("No block " + hash + " to certify; save it first"));
      throw new IllegalArgumentException(
          "The certificate says height "
              + certificate.height()
              + "; the block is "
              + block.height());
    }
    indexes.certificates().put(hash, certificate.toProto());
  }

  /** The certificate of the block {@code blockHash}, if stored. */
  public Optional<BlockCertificate> certificate(Hash blockHash) {
    return indexes.certificates().get(blockHash).map(BlockCertificate::fromProto);
  }

  /**
   * Stores the signed bytes of {@code tx} under its hash, unless it is already stored; the pool and
   * blocks refer to them. A committed transaction keeps its location.
   */
  public void saveTransaction(SignedTransaction tx) {
    MapIndex<Hash, byte[]> records = indexes.transactions();
    if (!records.containsKey(tx.hash())) {
      records.put(tx.hash(), TxRecord.known(tx.bytes()));
    }
  }

  /** The stored transaction {@code hash}, if known. */
  public Optional<SignedTransaction> transaction(Hash hash) {
    return indexes
        .transactions()
        .get(hash)
        .map(record -> {
          byte[] bytes = TxRecord.message(record);
          // Stored transactions passed signature checks on the way in; decoding suffices.
          SignedMessage m = SignedMessage.decode(bytes);
          return new SignedTransaction(hash, m.author(), m.transaction(), bytes);
        });
  }

  /**
   * Appends the stored transaction {@code txHash} to the block at {@code height}, records its
   * location and removes it from the pool.
   *
   * @return the new location
   * @throws IllegalArgumentException if {@code height} is not {@link #nextHeight()}, or the
   *     transaction is not stored
   * @throws IllegalStateException if the transaction is already in a block
   */
  public TxLocation appendToBlock(long height, Hash txHash) {
    checkNext(height);
    MapIndex<Hash, byte[]> records = indexes.transactions();
    Optional<byte[]> stored = records.get(txHash);
    check(stored.isPresent(), () -> "Transaction " + txHash + " is not stored");
    byte[] record = stored.orElseThrow();
    Optional<TxLocation> existing = TxRecord.location(record);
    if (existing.isPresent()) {
      throw new IllegalStateException("Transaction " + txHash + " is already at " + existing.get());
    }
    BlockTransactions txs = indexes.blockTransactions();
    TxLocation location = new TxLocation(height, Math.toIntExact(txs.size(height)));
    txs.append(height, List.of(txHash));
    records.put(txHash, TxRecord.committed(location, TxRecord.message(record)));
    pool().remove(txHash);
    return location;
  }

  /**
   * Stores {@code txs} and appends them, in order, to the block at {@code height}: records their
   * locations and removes them from the pool, like {@link #appendToBlock} for each, but extends the
   * block's list in one step, so its Merkle tree is hashed once per block instead of once per
   * transaction, and writes the pool's count once.
   *
   * <p>The block executor calls it before executing the transactions: services cannot see these
   * indexes, and a block with a bad transaction is refused before any of it runs.
   *
   * @throws IllegalArgumentException if {@code height} is not {@link #nextHeight()}, or a
   *     transaction is repeated or already in a block; nothing is written then
   */
  public void appendAllToBlock(long height, List<SignedTransaction> txs) {
    checkNext(height);
    List<Hash> hashes = new ArrayList<>(txs.size());
    for (SignedTransaction tx : txs) {
      hashes.add(tx.hash());
    }
    Set<Hash> committed = committedAmong(hashes);
    Set<Hash> seen = HashSet.newHashSet(txs.size());
    for (Hash hash : hashes) {
      if (!seen.add(hash)) {
        throw new IllegalArgumentException(
            "Transaction "
                + hash
                + " is already committed earlier in this block: it appears twice in block "
                + height);
      }
      if (committed.contains(hash)) {
        throw new IllegalArgumentException(
            "Transaction " + hash + " is already committed at " + location(hash).orElseThrow());
      }
    }
    MapIndex<Hash, byte[]> records = indexes.transactions();
    BlockTransactions list = indexes.blockTransactions();
    long first = list.size(height);
    for (int i = 0; i < txs.size(); i++) {
      SignedTransaction tx = txs.get(i);
      // One entry with the bytes and the location: a pooled transaction's record is replaced.
      TxLocation location = new TxLocation(height, Math.toIntExact(first + i));
      records.put(tx.hash(), TxRecord.committed(location, tx.bytes()));
    }
    list.append(height, hashes);
    pool().removeAll(hashes);
  }

  /** Where the committed transaction {@code txHash} is, if committed. */
  public Optional<TxLocation> location(Hash txHash) {
    return indexes.transactions().get(txHash).flatMap(TxRecord::location);
  }

  /**
   * Which of {@code hashes} are committed (have a location): like {@link #location} for each, but
   * in one batched database read, which costs much less per transaction than separate reads. The
   * pool and the block executor check every incoming transaction this way.
   */
  public Set<Hash> committedAmong(Collection<Hash> hashes) {
    Serializer<Hash> keys = Serializers.hash();
    List<Hash> asked = List.copyOf(hashes);
    List<byte[]> encoded = new ArrayList<>(asked.size());
    for (Hash hash : asked) {
      encoded.add(keys.encode(hash));
    }
    List<byte @Nullable []> records = indexes.transactionsRaw().getAll(encoded);
    Set<Hash> committed = new HashSet<>();
    for (int i = 0; i < asked.size(); i++) {
      byte @Nullable [] record = records.get(i);
      if (record != null && TxRecord.isCommitted(record)) {
        committed.add(asked.get(i));
      }
    }
    return committed;
  }

  /** The hashes of the transactions of the block at {@code height}, in order. */
  public List<Hash> blockTransactions(long height) {
    return indexes.blockTransactions().hashes(height);
  }

  /** The {@code tx_hash} of the block at {@code height}: the object hash of its list. */
  public Hash txHash(long height) {
    return indexes.blockTransactions().listHash(height);
  }

  /**
   * The errors of the block at {@code height}; writable only on a writable schema while {@code
   * height} is {@link #nextHeight()}, since a committed block's errors are final.
   */
  public CallErrors callErrors(long height) {
    return new CallErrors(
        height,
        indexes.isWritable() && height == nextHeight(),
        indexes.callErrors(height),
        indexes.callErrorsAux(height));
  }

  /** The current consensus configuration, empty before genesis. */
  public Optional<ConsensusConfigProto> consensusConfig() {
    return indexes.consensusConfig().get();
  }

  /**
   * Replaces the consensus configuration (genesis, or a supervisor-approved change).
   *
   * @throws IllegalArgumentException if it names no validator, or a consensus key is missing,
   *     malformed or shared
   */
  public void setConsensusConfig(ConsensusConfigProto config) {
    ConsensusKeys.of(config);
    indexes.consensusConfig().set(config);
  }

  /** The validators' consensus keys in index order, empty before genesis. */
  public List<PublicKey> validatorKeys() {
    // Read twice per block (the proposer's index, then after the commit): parsed only when the
    // configuration's bytes differ from the last ones parsed.
    return indexes.consensusConfigBytes().get().map(ConsensusKeys::of).orElse(List.of());
  }

  /** The persisted transaction pool. */
  public PooledTransactions pool() {
    return new PooledTransactions(this, indexes.pool(), indexes.poolSize());
  }

  /** Proofs for light clients over this schema's state; take them from a snapshot. */
  public CoreProofs proofs() {
    return new CoreProofs(this, indexes);
  }

  private void checkNext(long height) {
    long next = nextHeight();
    check(height == next, () -> "Height " + height + " is not the block being built, " + next);
  }

  private static void check(boolean condition, Supplier<String> message) {
    if (!condition) {
      throw new IllegalArgumentException(message.get());
    }
  }
}
