package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One element a {@link ListProof} proves: its position and its serialized value.
 *
 * <p>The value array is copied in and out, so an entry never changes once built.
 *
 * @param position the position of the element in the list
 * @param value the serialized element
 */
// The array is copied in and out, and equals/hashCode compare contents.
@SuppressWarnings("ArrayRecordComponent")
public record ListProofEntry(long position, byte[] value) {
  private static final int SHOWN_BYTES = 16;

  /**
   * Validates and copies.
   *
   * @throws ProofVerificationException if {@code position} is negative
   */
  public ListProofEntry {
    if (position < 0) {
      throw new ProofVerificationException("List proof entry has negative position " + position);
    }
    value = value.clone();
  }

  /** A copy of the serialized element. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The value hash, computed without copying the value. */
  Hash valueHash() {
    return Hashing.value(value);
  }

  /** The length of the serialized element in bytes. */
  int size() {
    return value.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListProofEntry other
        && position == other.position
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(position) * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(value, 0, Math.min(value.length, SHOWN_BYTES));
    String more = value.length > SHOWN_BYTES ? "... (" + value.length + " bytes)" : "";
    return "ListProofEntry[position=" + position + ", value=" + hex + more + "]";
  }
}
