package io.polyhost.api.proof;

import io.polyhost.api.storage.Serializer;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a {@link ListProof} established once {@link ListProof#verify verified}: the list length and
 * the proven elements.
 *
 * <p>Only verification creates these, so holding one means the elements were checked against a
 * trusted list hash.
 */
public final class VerifiedListProof {
  private final long length;
  private final List<ListProofEntry> entries;

  VerifiedListProof(long length, List<ListProofEntry> entries) {
    this.length = length;
    this.entries = entries;
  }

  /** The number of elements in the list. */
  public long length() {
    return length;
  }

  /** The proven elements, in increasing position order. */
  public List<ListProofEntry> entries() {
    return entries;
  }

  /**
   * The proven elements decoded with {@code serializer}, by position.
   *
   * @throws IllegalArgumentException if an element is not a valid encoding for {@code serializer}
   */
  public <V> SortedMap<Long, V> values(Serializer<V> serializer) {
    SortedMap<Long, V> values = new TreeMap<>();
    for (ListProofEntry entry : entries) {
      try {
        values.put(entry.position(), serializer.decode(entry.value()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Proven list element at position " + entry.position() + " does not decode: " + e, e);
      }
    }
    return Collections.unmodifiableSortedMap(values);
  }

  @Override
  public String toString() {
    return "VerifiedListProof[length=" + length + ", entries=" + entries + "]";
  }
}
