package io.polyhost.storage;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.StorageException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What the registry records for an index: its numeric id (the prefix of its keys), its type and its
 * state blob. Encoded as {@code id (8) || type code (1) || has-state (1) || state}.
 */
record IndexMetadata(long id, IndexType type, byte @Nullable [] state) {
  byte[] encode() {
    int stateLength = state == null ? 0 : state.length;
    byte[] out = new byte[10 + stateLength];
    Keys.writeLong(out, 0, id);
    out[8] = (byte) type.code();
    if (state != null) {
      out[9] = 1;
      System.arraycopy(state, 0, out, 10, stateLength);
    }
    return out;
  }

  static IndexMetadata decode(byte[] bytes) {
    if (bytes.length < 10 || bytes[9] > 1 || (bytes[9] == 0 && bytes.length != 10)) {
      throw new StorageException(
          "Corrupt index metadata (" + bytes.length + " bytes): the database is damaged");
    }
    IndexType type;
    try {
      type = IndexType.fromCode(bytes[8] & 0xff);
    } catch (IllegalArgumentException e) {
      throw new StorageException("Corrupt index metadata: " + e.getMessage(), e);
    }
    byte[] state = bytes[9] == 1 ? Arrays.copyOfRange(bytes, 10, bytes.length) : null;
    return new IndexMetadata(Keys.readLong(bytes, 0), type, state);
  }

  IndexMetadata withState(byte @Nullable [] newState) {
    return new IndexMetadata(id, type, newState);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexMetadata m
        && m.id == id
        && m.type == type
        && Arrays.equals(m.state, state);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + type.hashCode();
  }

  @Override
  public String toString() {
    return "IndexMetadata[id=" + id + ", type=" + type + "]";
  }
}
