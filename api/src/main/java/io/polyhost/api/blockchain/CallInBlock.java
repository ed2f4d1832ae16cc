package io.polyhost.api.blockchain;

import io.polyhost.api.proto.CallInBlockProto;
import io.polyhost.api.storage.Serializer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Which top-level call of a block: a service's {@code before_transactions} hook, a transaction, or
 * a service's {@code after_transactions} hook. It is the key under which the call's error is stored
 * and proven.
 *
 * <p>The byte key ({@link #toKey()}) is a tag byte (0 before-hooks, 1 transactions, 2 after-hooks)
 * and the instance id or transaction index as 4 bytes big-endian. Byte order is therefore execution
 * order: every before-hook, then every transaction, then every after-hook, each group ascending
 * (instance ids as unsigned numbers). {@link #compareTo} follows the same order.
 */
public sealed interface CallInBlock extends Comparable<CallInBlock>
    permits CallInBlock.BeforeTransactions, CallInBlock.Transaction, CallInBlock.AfterTransactions {
  /** The length of a {@link #toKey() key}: a tag byte and four bytes of number. */
  int KEY_SIZE = 5;

  /** The {@code before_transactions} hook of the instance {@code instanceId}. */
  static CallInBlock beforeTransactions(int instanceId) {
    return new BeforeTransactions(instanceId);
  }

  /**
   * The transaction at {@code index} in the block.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  static CallInBlock transaction(int index) {
    return new Transaction(index);
  }

  /** The {@code after_transactions} hook of the instance {@code instanceId}. */
  static CallInBlock afterTransactions(int instanceId) {
    return new AfterTransactions(instanceId);
  }

  /** The tag byte of the key, which orders the three kinds of call. */
  int tag();

  /** The instance id or transaction index, the second part of the key. */
  int number();

  /** The 5-byte key: tag, then the number big-endian. */
  default byte[] toKey() {
    int n = number();
    return new byte[] {
      (byte) tag(), (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n
    };
  }

  /** The protobuf form. */
  CallInBlockProto toProto();

  /** Orders calls as the block executes them. */
  @Override
  default int compareTo(CallInBlock other) {
    return Arrays.compareUnsigned(toKey(), other.toKey());
  }

  /**
   * Reads a {@link #toKey() key}.
   *
   * @throws IllegalArgumentException if the key is not 5 bytes, has an unknown tag, or names a
   *     negative transaction index
   */
  static CallInBlock fromKey(byte[] key) {
    if (key.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "A call-in-block key is " + KEY_SIZE + " bytes, got " + key.length + " bytes");
    }
    int n = (key[1] & 0xff) << 24 | (key[2] & 0xff) << 16 | (key[3] & 0xff) << 8 | (key[4] & 0xff);
    return switch (key[0]) {
      case 0 -> new BeforeTransactions(n);
      case 1 -> new Transaction(n);
      case 2 -> new AfterTransactions(n);
      default ->
          throw new IllegalArgumentException(
              "Unknown call-in-block tag "
                  + key[0]
                  + " in key "
                  + HexFormat.of().formatHex(key)
                  + "; expected 0 (before), 1 (transaction) or 2 (after)");
    };
  }

  /**
   * Reads the protobuf form.
   *
   * @throws IllegalArgumentException if no call is set, or a transaction index is 2^31 or more
   */
  static CallInBlock fromProto(CallInBlockProto proto) {
    return switch (proto.getCallCase()) {
      case BEFORE_TRANSACTIONS -> new BeforeTransactions(proto.getBeforeTransactions());
      case TRANSACTION ->
          new Transaction(ProtoFields.uint31("CallInBlock", "transaction", proto.getTransaction()));
      case AFTER_TRANSACTIONS -> new AfterTransactions(proto.getAfterTransactions());
      case CALL_NOT_SET ->
          throw new IllegalArgumentException(
              "CallInBlock names no call; set transaction, before_transactions or"
                  + " after_transactions");
    };
  }

  /** Keys in storage: the 5-byte form of {@link #toKey()}. */
  static Serializer<CallInBlock> serializer() {
    return KeySerializer.INSTANCE;
  }

  /**
   * The {@code before_transactions} hook of a service.
   *
   * @param instanceId the service instance (an unsigned 32-bit id)
   */
  record BeforeTransactions(int instanceId) implements CallInBlock {
    @Override
    public int tag() {
      return 0;
    }

    @Override
    public int number() {
      return instanceId;
    }

    @Override
    public CallInBlockProto toProto() {
      return CallInBlockProto.newBuilder().setBeforeTransactions(instanceId).build();
    }

    @Override
    public String toString() {
      return "before_transactions of instance " + Integer.toUnsignedString(instanceId);
    }
  }

  /**
   * A transaction of the block.
   *
   * @param index its zero-based position in the block
   */
  record Transaction(int index) implements CallInBlock {
    /**
     * Checks the index.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public Transaction {
      if (index < 0) {
        throw new IllegalArgumentException(
            "A transaction index must not be negative; got " + index);
      }
    }

    @Override
    public int tag() {
      return 1;
    }

    @Override
    public int number() {
      return index;
    }

    @Override
    public CallInBlockProto toProto() {
      return CallInBlockProto.newBuilder().setTransaction(index).build();
    }

    @Override
    public String toString() {
      return "transaction #" + index;
    }
  }

  /**
   * The {@code after_transactions} hook of a service.
   *
   * @param instanceId the service instance (an unsigned 32-bit id)
   */
  record AfterTransactions(int instanceId) implements CallInBlock {
    @Override
    public int tag() {
      return 2;
    }

    @Override
    public int number() {
      return instanceId;
    }

    @Override
    public CallInBlockProto toProto() {
      return CallInBlockProto.newBuilder().setAfterTransactions(instanceId).build();
    }

    @Override
    public String toString() {
      return "after_transactions of instance " + Integer.toUnsignedString(instanceId);
    }
  }
}
