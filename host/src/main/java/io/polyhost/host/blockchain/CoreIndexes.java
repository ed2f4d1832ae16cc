package io.polyhost.host.blockchain;

import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.proto.BlockCertificateProto;
import io.polyhost.api.proto.BlockProto;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.ExecutionErrorAuxProto;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.Group;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.RawIndex;
import io.polyhost.storage.StorageAccess;
import io.polyhost.storage.index.IndexViews;

/**
 * Opens each core index by its name, in one place so the storage layout reads like a table. Names
 * are Exonum's ({@code blockchain/schema.rs}), except that a transaction's location is kept in its
 * {@code transactions} entry (see {@link TxRecord}); views keep no state, so opening one per call
 * is cheap.
 */
final class CoreIndexes {
  private static final String TRANSACTIONS = "transactions";

  private final StorageAccess access;
  private final IndexAccess core;

  /** The indexes of {@code access}, which is already in the core namespace. */
  CoreIndexes(StorageAccess access) {
    this.access = access;
    this.core = IndexViews.over(access);
  }

  boolean isWritable() {
    return core.isWritable();
  }

  /**
   * Hash → {@link TxRecord} of every known transaction, pooled or committed: its signed bytes and,
   * once committed, its block height and position (Exonum's {@code transactions} and {@code
   * transactions_locations} in one entry).
   */
  MapIndex<Hash, byte[]> transactions() {
    return core.map(TRANSACTIONS, Serializers.hash(), Serializers.bytes());
  }

  /**
   * The byte-level key space of {@link #transactions()} (keys are the 32 hash bytes), for reading
   * the records of many transactions in one batched read.
   */
  RawIndex transactionsRaw() {
    return access.rawIndex(IndexAddress.of(TRANSACTIONS), IndexType.MAP);
  }

  /** Block hash → header. */
  MapIndex<Hash, BlockProto> blocks() {
    return core.map("blocks", Serializers.hash(), Serializers.protobuf(BlockProto.parser()));
  }

  /** Height → block hash; its size is the number of committed blocks. */
  ListIndex<Hash> blockHashes() {
    return core.list("block_hashes_by_height", Serializers.hash());
  }

  /**
   * The transaction hashes of every block with their tx_hash (Exonum's per-block {@code
   * block_transactions} proof lists, stored packed: see {@link BlockTransactions}).
   */
  BlockTransactions blockTransactions() {
    return new BlockTransactions(
        access.rawIndex(IndexAddress.of("block_transaction_hashes"), IndexType.MAP));
  }

  /** The consensus parts of the errors of the block at {@code height}; hash = error_hash. */
  ProofMapIndex<CallInBlock, ExecutionError> callErrors(long height) {
    return Group.of(
            "call_errors",
            Serializers.int64(),
            a -> core.proofMap(a, CallInBlock.serializer(), ConsensusErrorSerializer.INSTANCE))
        .get(height);
  }

  /** Descriptions and backtraces of the errors of the block at {@code height}. */
  MapIndex<CallInBlock, ExecutionErrorAuxProto> callErrorsAux(long height) {
    return Group.of(
            "call_errors_aux",
            Serializers.int64(),
            a ->
                core.map(
                    a,
                    CallInBlock.serializer(),
                    Serializers.protobuf(ExecutionErrorAuxProto.parser())))
        .get(height);
  }

  /** Block hash → certificate (the block's precommits). */
  MapIndex<Hash, BlockCertificateProto> certificates() {
    return core.map(
        "precommits", Serializers.hash(), Serializers.protobuf(BlockCertificateProto.parser()));
  }

  /** The consensus configuration; Merkelized and outside any group, so in the state hash. */
  ProofEntry<ConsensusConfigProto> consensusConfig() {
    return core.proofEntry("consensus_config", Serializers.protobuf(ConsensusConfigProto.parser()));
  }

  /** The same entry, serialized: for readers that only need to know whether it changed. */
  ProofEntry<byte[]> consensusConfigBytes() {
    return core.proofEntry("consensus_config", Serializers.bytes());
  }

  /** Hashes of the pooled transactions. */
  KeySetIndex<Hash> pool() {
    return core.keySet("transactions_pool", Serializers.hash());
  }

  /** The number of pooled transactions, kept because a key set does not count. */
  Entry<Long> poolSize() {
    return core.entry("transactions_pool_len", Serializers.int64());
  }
}
