package io.polyhost.api.storage;

import org.jspecify.annotations.Nullable;

/**
 * The kind of an index. Persisted with the index: reopening an address as another type is an error.
 *
 * <p>The numeric codes are stable (they are stored on disk) and match Exonum's MerkleDB.
 */
public enum IndexType {
  /** An ordered key-value map. */
  MAP(1, false),
  /** A list addressed by position. */
  LIST(2, false),
  /** A single optional value. */
  ENTRY(3, false),
  /** A set of values addressed by the hash of each value. */
  VALUE_SET(4, false),
  /** An ordered set of keys. */
  KEY_SET(5, false),
  /** A list that may have holes. */
  SPARSE_LIST(6, false),
  /** A list under a Merkle tree; proves elements and ranges. */
  PROOF_LIST(7, true),
  /** A map under a binary Merkle Patricia trie; proves presence and absence of keys. */
  PROOF_MAP(8, true),
  /** A single optional value whose hash enters the state hash. */
  PROOF_ENTRY(9, true),
  /** A migration-only marker: the index at this address is removed when the migration flushes. */
  TOMBSTONE(254, false);

  private final int code;
  private final boolean merkelized;

  IndexType(int code, boolean merkelized) {
    this.code = code;
    this.merkelized = merkelized;
  }

  /** The stable numeric code stored on disk. */
  public int code() {
    return code;
  }

  /** Whether the index has an object hash that can enter the state hash. */
  public boolean isMerkelized() {
    return merkelized;
  }

  /**
   * The type with the given stable code.
   *
   * @throws IllegalArgumentException if no type has that code
   */
  public static IndexType fromCode(int code) {
    IndexType t = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    if (t == null) {
      throw new IllegalArgumentException("Unknown index type code " + code);
    }
    return t;
  }

  // Looked up on every read of index metadata; values() would copy the constants each time.
  private static final @Nullable IndexType[] BY_CODE = byCode();

  private static @Nullable IndexType[] byCode() {
    int max = 0;
    for (IndexType t : values()) {
      max = Math.max(max, t.code);
    }
    @Nullable IndexType[] out = new IndexType[max + 1];
    for (IndexType t : values()) {
      out[t.code] = t;
    }
    return out;
  }
}
