package io.polyhost.api.blockchain;

import io.polyhost.api.proto.TxLocationProto;

/**
 * Where a committed transaction is: the height of its block and its position in that block.
 *
 * @param blockHeight the height of the block
 * @param position the zero-based index of the transaction in the block
 */
public record TxLocation(long blockHeight, int position) {
  /**
   * Checks the numbers.
   *
   * @throws IllegalArgumentException if either is negative
   */
  public TxLocation {
    if (blockHeight < 0 || position < 0) {
      throw new IllegalArgumentException(
          "A transaction location needs a non-negative height and position; got height "
              + blockHeight
              + ", position "
              + position);
    }
  }

  /** The call that executed this transaction, the key of its error. */
  public CallInBlock call() {
    return CallInBlock.transaction(position);
  }

  /** The protobuf form. */
  public TxLocationProto toProto() {
    return TxLocationProto.newBuilder()
        .setBlockHeight(blockHeight)
        .setPositionInBlock(position)
        .build();
  }

  /**
   * Reads the protobuf form.
   *
   * @throws IllegalArgumentException if a number is too large for Polyhost
   */
  public static TxLocation fromProto(TxLocationProto proto) {
    return new TxLocation(
        ProtoFields.uint64("TxLocation", "block_height", proto.getBlockHeight()),
        ProtoFields.uint31("TxLocation", "position_in_block", proto.getPositionInBlock()));
  }
}
