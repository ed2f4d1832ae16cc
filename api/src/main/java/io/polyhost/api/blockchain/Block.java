package io.polyhost.api.blockchain;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.BlockProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * A block header: what validators sign, and what commits to the block's transactions, call errors
 * and resulting state.
 *
 * <p>Its {@link #hash()} is the SHA-256 of its deterministic protobuf bytes; each header names its
 * predecessor's hash, so one certified header vouches for the whole chain before it.
 *
 * @param proposerId index of the proposing validator in the consensus configuration
 * @param height height of the block; the genesis block has height 0
 * @param txCount number of transactions in the block
 * @param prevHash hash of the previous block; all zeros for the genesis block
 * @param txHash object hash of the block's list of transaction hashes
 * @param stateHash state hash after the block (all aggregated Merkelized indexes)
 * @param errorHash object hash of the map from {@link CallInBlock} to the errors of the block
 * @param additionalHeaders extension headers, usually empty
 * @param time the proposer's clock when it cut the block; the one "now" services may use
 */
public record Block(
    int proposerId,
    long height,
    int txCount,
    Hash prevHash,
    Hash txHash,
    Hash stateHash,
    Hash errorHash,
    AdditionalHeaders additionalHeaders,
    Instant time) {
  /** The earliest time a protobuf {@code Timestamp} can hold: 0001-01-01T00:00:00Z. */
  private static final long MIN_SECONDS = -62_135_596_800L;

  /** The latest time a protobuf {@code Timestamp} can hold: 9999-12-31T23:59:59Z. */
  private static final long MAX_SECONDS = 253_402_300_799L;

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if a number is negative or the time is outside the years 1 to
   *     9999 that a protobuf timestamp can hold
   */
  public Block {
    requireNonNegative("proposer id", proposerId);
    requireNonNegative("height", height);
    requireNonNegative("transaction count", txCount);
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(stateHash, "stateHash");
    Objects.requireNonNull(errorHash, "errorHash");
    Objects.requireNonNull(additionalHeaders, "additionalHeaders");
    checkSeconds(time.getEpochSecond());
  }

  /** The block hash: SHA-256 of the deterministic serialization of {@link #toProto()}. */
  public Hash hash() {
    BlockProto proto = toProto();
    byte[] bytes = new byte[proto.getSerializedSize()];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    // A header has no map fields, so this equals toByteArray(); it says what the hash relies on.
    out.useDeterministicSerialization();
    try {
      proto.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to an array cannot fail", e);
    }
    return Hash.sha256(bytes);
  }

  /** The protobuf form. */
  public BlockProto toProto() {
    return BlockProto.newBuilder()
        .setProposerId(proposerId)
        .setHeight(height)
        .setTxCount(txCount)
        .setPrevHash(prevHash.toProto())
        .setTxHash(txHash.toProto())
        .setStateHash(stateHash.toProto())
        .setErrorHash(errorHash.toProto())
        .setAdditionalHeaders(additionalHeaders.toProto())
        .setTime(Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()))
        .build();
  }

  /**
   * Reads the protobuf form.
   *
   * @throws IllegalArgumentException naming the field at fault: a missing or malformed hash, a
   *     missing or invalid time, a number too large for Polyhost, or duplicate header keys
   */
  public static Block fromProto(BlockProto proto) {
    String what = "Block";
    if (!proto.hasTime()) {
      throw new IllegalArgumentException("Block lacks its 'time' field");
    }
    Timestamp t = proto.getTime();
    if (t.getNanos() < 0 || t.getNanos() > 999_999_999) {
      throw new IllegalArgumentException(
          "Block field 'time' has " + t.getNanos() + " nanoseconds; must be 0 to 999999999");
    }
    checkSeconds(t.getSeconds());
    return new Block(
        ProtoFields.uint31(what, "proposer_id", proto.getProposerId()),
        ProtoFields.uint64(what, "height", proto.getHeight()),
        ProtoFields.uint31(what, "tx_count", proto.getTxCount()),
        ProtoFields.hash(what, "prev_hash", proto.hasPrevHash(), proto.getPrevHash()),
        ProtoFields.hash(what, "tx_hash", proto.hasTxHash(), proto.getTxHash()),
        ProtoFields.hash(what, "state_hash", proto.hasStateHash(), proto.getStateHash()),
        ProtoFields.hash(what, "error_hash", proto.hasErrorHash(), proto.getErrorHash()),
        AdditionalHeaders.fromProto(proto.getAdditionalHeaders()),
        Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
  }

  /**
   * Parses the binary protobuf form.
   *
   * @throws IllegalArgumentException if the bytes are not a valid block header
   */
  public static Block parse(byte[] bytes) {
    try {
      return fromProto(BlockProto.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Not a block header: " + e.getMessage(), e);
    }
  }

  private static void checkSeconds(long epochSeconds) {
    if (epochSeconds < MIN_SECONDS || epochSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "Block time "
              + epochSeconds
              + " s after the epoch is outside the years 1 to 9999 that a block can hold");
    }
  }

  private static void requireNonNegative(String what, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("Block " + what + " must not be negative; got " + value);
    }
  }
}
