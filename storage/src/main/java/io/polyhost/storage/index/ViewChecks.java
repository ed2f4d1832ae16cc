package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.RawIndex;

/** The checks every simple index view makes: type on open, writability, decodable bytes. */
final class ViewChecks {
  private ViewChecks() {}

  /**
   * Returns {@code raw} after checking it holds an index of the {@code expected} type.
   *
   * @throws IndexTypeMismatchException if the recorded type is another one
   */
  static RawIndex requireType(RawIndex raw, IndexType expected) {
    if (raw.type() != expected) {
      throw new IndexTypeMismatchException(raw.address(), raw.type(), expected);
    }
    return raw;
  }

  /**
   * Checked before any write, so that a read-only view refuses even writes that would change
   * nothing, and a refused write never leaves half its changes behind.
   */
  static void requireWritable(RawIndex raw) {
    if (!raw.isWritable()) {
      throw new ReadOnlyStorageException(raw.address());
    }
  }

  /**
   * Checks a position given by the caller.
   *
   * @throws IndexOutOfBoundsException if {@code position} is negative
   */
  static void requireNonNegative(RawIndex raw, long position) {
    if (position < 0) {
      throw new IndexOutOfBoundsException(
          "Position " + position + " in index '" + raw.address() + "' is negative");
    }
  }

  /**
   * Decodes stored bytes; the serializer's failure, whatever its type, becomes a storage error.
   *
   * @throws StorageException naming the index and what was being decoded
   */
  static <T> T decode(RawIndex raw, Serializer<T> serializer, byte[] bytes, String what) {
    try {
      return serializer.decode(bytes);
    } catch (RuntimeException e) {
      throw corrupt(raw, "its " + what + " (" + bytes.length + " bytes) cannot be decoded", e);
    }
  }

  /**
   * Decodes the element stored at {@code position}; the description is built only on failure, as
   * this runs once per element of an iteration.
   */
  static <T> T decodeAt(RawIndex raw, Serializer<T> serializer, byte[] bytes, long position) {
    try {
      return serializer.decode(bytes);
    } catch (RuntimeException e) {
      throw corrupt(
          raw, "its element " + position + " (" + bytes.length + " bytes) cannot be decoded", e);
    }
  }

  /** A storage error for data the views themselves never write. */
  static StorageException corrupt(RawIndex raw, String detail) {
    return new StorageException("Index '" + raw.address() + "' is corrupt: " + detail);
  }

  private static StorageException corrupt(RawIndex raw, String detail, Throwable cause) {
    return new StorageException(
        "Index '" + raw.address() + "' is corrupt: " + detail + ": " + cause.getMessage(), cause);
  }
}
