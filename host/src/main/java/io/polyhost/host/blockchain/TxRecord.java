package io.polyhost.host.blockchain;

import io.polyhost.api.blockchain.TxLocation;
import java.util.Arrays;
import java.util.Optional;

/**
 * The stored value of a known transaction in {@code core.transactions}: its signed bytes and, once
 * it is committed, its location, in one entry.
 *
 * <p>Exonum keeps the bytes ({@code transactions}) and the location ({@code
 * transactions_locations}) in two maps keyed by the transaction hash. Keys that are hashes land at
 * random places in RocksDB's memtable, and inserting them was the largest cost of executing a
 * block, so one entry per transaction instead of two saves a random insert each. Neither map is
 * Merkelized or proven: the block's {@code tx_hash} commits to its list of hashes, not to these
 * entries, so no hash or proof changes with the layout.
 *
 * <p>Layout: a tag byte, {@link #KNOWN} (stored, e.g. pooled, not in a block) or {@link
 * #COMMITTED}; for a committed transaction the block height as 8 bytes and the position as 4 bytes,
 * big-endian; then the signed message bytes.
 */
final class TxRecord {
  /** Tag of a transaction that is stored but in no block. */
  static final byte KNOWN = 0;

  /** Tag of a committed transaction, followed by its location. */
  static final byte COMMITTED = 1;

  private static final int LOCATION_SIZE = Long.BYTES + Integer.BYTES;

  private TxRecord() {}

  /** The record of a transaction in no block yet. */
  static byte[] known(byte[] message) {
    byte[] record = new byte[1 + message.length];
    record[0] = KNOWN;
    System.arraycopy(message, 0, record, 1, message.length);
    return record;
  }

  /** The record of a transaction committed at {@code location}. */
  static byte[] committed(TxLocation location, byte[] message) {
    byte[] record = new byte[1 + LOCATION_SIZE + message.length];
    record[0] = COMMITTED;
    putLong(record, 1, location.blockHeight());
    putInt(record, 1 + Long.BYTES, location.position());
    System.arraycopy(message, 0, record, 1 + LOCATION_SIZE, message.length);
    return record;
  }

  /**
   * Whether {@code record} is a committed transaction's.
   *
   * @throws IllegalStateException if it is not a record of this layout
   */
  static boolean isCommitted(byte[] record) {
    return tag(record) == COMMITTED;
  }

  /**
   * The location in {@code record}, empty if the transaction is in no block.
   *
   * @throws IllegalStateException if it is not a record of this layout
   */
  static Optional<TxLocation> location(byte[] record) {
    if (!isCommitted(record)) {
      return Optional.empty();
    }
    return Optional.of(new TxLocation(getLong(record, 1), getInt(record, 1 + Long.BYTES)));
  }

  /**
   * The signed message bytes in {@code record}.
   *
   * @throws IllegalStateException if it is not a record of this layout
   */
  static byte[] message(byte[] record) {
    int start = isCommitted(record) ? 1 + LOCATION_SIZE : 1;
    return Arrays.copyOfRange(record, start, record.length);
  }

  private static byte tag(byte[] record) {
    if (record.length == 0
        || (record[0] != KNOWN && record[0] != COMMITTED)
        || (record[0] == COMMITTED && record.length < 1 + LOCATION_SIZE)) {
      // A signed message (the layout of older data folders) starts with a protobuf tag, 0x0a.
      throw new IllegalStateException(
          "core.transactions holds a value of "
              + record.length
              + " bytes that is not a transaction record"
              + (record.length == 0 ? "" : " (tag " + (record[0] & 0xff) + ")")
              + ": the data folder is corrupt or was written by an older Polyhost");
    }
    return record[0];
  }

  private static void putLong(byte[] out, int at, long value) {
    for (int i = 0; i < Long.BYTES; i++) {
      out[at + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  private static void putInt(byte[] out, int at, int value) {
    for (int i = 0; i < Integer.BYTES; i++) {
      out[at + i] = (byte) (value >>> (24 - 8 * i));
    }
  }

  private static long getLong(byte[] in, int at) {
    long value = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      value = (value << 8) | (in[at + i] & 0xffL);
    }
    return value;
  }

  private static int getInt(byte[] in, int at) {
    int value = 0;
    for (int i = 0; i < Integer.BYTES; i++) {
      value = (value << 8) | (in[at + i] & 0xff);
    }
    return value;
  }
}
