package io.polyhost.api.blockchain;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.HashProto;

/** Checks for protobuf fields whose wire type is wider than the Java type they become. */
final class ProtoFields {
  private ProtoFields() {}

  /**
   * A required hash field.
   *
   * @throws IllegalArgumentException if the field is absent or not 32 bytes
   */
  static Hash hash(String message, String field, boolean present, HashProto value) {
    if (!present) {
      throw new IllegalArgumentException(message + " lacks its '" + field + "' field");
    }
    try {
      return Hash.fromProto(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          message + " field '" + field + "' is not a hash: " + e.getMessage(), e);
    }
  }

  /**
   * A uint64 that must fit a non-negative {@code long}.
   *
   * @throws IllegalArgumentException if the value is 2^63 or more (negative in Java)
   */
  static long uint64(String message, String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          message
              + " field '"
              + field
              + "' is "
              + Long.toUnsignedString(value)
              + ", more than the largest supported "
              + Long.MAX_VALUE);
    }
    return value;
  }

  /**
   * A uint32 that must fit a non-negative {@code int}.
   *
   * @throws IllegalArgumentException if the value is 2^31 or more (negative in Java)
   */
  static int uint31(String message, String field, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          message
              + " field '"
              + field
              + "' is "
              + Integer.toUnsignedString(value)
              + ", more than the largest supported "
              + Integer.MAX_VALUE);
    }
    return value;
  }
}
