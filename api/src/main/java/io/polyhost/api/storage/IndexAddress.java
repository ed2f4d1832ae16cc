package io.polyhost.api.storage;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where an index lives: a name, and for members of a group, a key inside the group.
 *
 * <p>Names are made of {@code [a-zA-Z0-9_-]} components joined by dots ({@code wallet.balances});
 * names starting with {@code __} are reserved for the database itself. An index with a group key
 * belongs to the group called {@code name}; such indexes never enter the state hash on their own.
 *
 * @param name the full name
 * @param groupKey the key inside the group, or {@code null} for an index outside any group
 */
public record IndexAddress(String name, byte @Nullable [] groupKey) {
  /** The longest index name accepted, in characters. */
  public static final int MAX_NAME_LENGTH = 255;

  /** The longest group key accepted, in bytes. */
  public static final int MAX_GROUP_KEY_LENGTH = 1024;

  /**
   * Validates the address.
   *
   * @throws IllegalArgumentException if the name is not a valid index name or the key is too long
   */
  public IndexAddress {
    validateName(name);
    if (groupKey != null) {
      if (groupKey.length > MAX_GROUP_KEY_LENGTH) {
        throw new IllegalArgumentException(
            "Group key of index '"
                + name
                + "' is "
                + groupKey.length
                + " bytes; at most "
                + MAX_GROUP_KEY_LENGTH
                + " are allowed");
      }
      groupKey = groupKey.clone();
    }
  }

  /** The address of an index outside any group. */
  public static IndexAddress of(String name) {
    return new IndexAddress(name, null);
  }

  /** The address of the member {@code key} of the group {@code name}. */
  public static IndexAddress inGroup(String name, byte[] key) {
    return new IndexAddress(name, key);
  }

  /** The group key, if this index belongs to a group. */
  public Optional<byte[]> key() {
    return groupKey == null ? Optional.empty() : Optional.of(groupKey.clone());
  }

  /** Whether this index belongs to a group. */
  public boolean isInGroup() {
    return groupKey != null;
  }

  /** This address with {@code prefix.} prepended to the name. */
  public IndexAddress prepend(String prefix) {
    return new IndexAddress(prefix + "." + name, groupKey);
  }

  /**
   * Checks an index name: dot-separated components of {@code [a-zA-Z0-9_-]}, no empty component.
   *
   * @throws IllegalArgumentException naming the offending character or component
   */
  public static void validateName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Index name must not be empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "Index name is " + name.length() + " characters; at most " + MAX_NAME_LENGTH);
    }
    boolean componentStart = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (componentStart) {
          throw new IllegalArgumentException(
              "Index name '" + name + "' has an empty component at position " + i);
        }
        componentStart = true;
        continue;
      }
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      // '^' marks migration namespaces; only the database itself creates such names.
      if (!ok && !(c == '^' && i == 0)) {
        throw new IllegalArgumentException(
            "Index name '"
                + name
                + "' contains '"
                + c
                + "' at position "
                + i
                + "; allowed are a-z, A-Z, 0-9, '_', '-' and '.' between components");
      }
      componentStart = false;
    }
    if (componentStart) {
      throw new IllegalArgumentException("Index name '" + name + "' ends with a dot");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexAddress other
        && name.equals(other.name)
        && Arrays.equals(groupKey, other.groupKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(groupKey);
  }

  @Override
  public String toString() {
    return groupKey == null ? name : name + "[" + HexFormat.of().formatHex(groupKey) + "]";
  }
}
