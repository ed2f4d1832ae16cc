package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Temporary storage of the migration of namespace {@code ns}: progress markers, lookup tables,
 * positions of persistent iterators. Any index type may be used; nothing here is aggregated, and
 * everything is erased when the migration is flushed or rolled back.
 *
 * <p>Each namespace has its own scratchpad, unreachable from anywhere else: index {@code x} of
 * namespace {@code ns} is the member {@code "ns.x"} of a reserved group (for a group member {@code
 * (x, k)}, the member {@code "ns.x" || 0x00 || k}; names never contain a zero byte, so no two
 * addresses share a member). The member key, which holds the name, is limited to {@link
 * IndexAddress#MAX_GROUP_KEY_LENGTH} bytes.
 */
public final class Scratchpad implements StorageAccess {
  private static final String GROUP = "__SCRATCHPAD__";

  private final StorageAccess base;
  private final String namespace;

  private Scratchpad(StorageAccess base, String namespace) {
    Namespaces.check(namespace, "Scratchpad namespace");
    this.base = base;
    this.namespace = namespace;
  }

  /**
   * The scratchpad of the migration of {@code namespace}, seen through {@code access}.
   *
   * @throws IllegalArgumentException if {@code namespace} is not a single, unreserved name
   *     component
   */
  public static Scratchpad of(StorageAccess access, String namespace) {
    return new Scratchpad(access, namespace);
  }

  @Override
  public boolean isWritable() {
    return base.isWritable();
  }

  @Override
  public RawIndex rawIndex(IndexAddress address, IndexType type) {
    return base.rawIndex(resolve(address), type);
  }

  @Override
  public RawIndex rawIndexForRead(IndexAddress address, IndexType type) {
    return base.rawIndexForRead(resolve(address), type);
  }

  @Override
  public Optional<IndexType> indexType(IndexAddress address) {
    return base.indexType(resolve(address));
  }

  /** The encoded-address prefix shared by every index of the scratchpad of {@code namespace}. */
  static byte[] registryPrefix(String namespace) {
    return Keys.address(IndexAddress.inGroup(GROUP, utf8(namespace + ".")));
  }

  private IndexAddress resolve(IndexAddress address) {
    String name = address.name();
    if (name.startsWith("^") || name.startsWith("__")) {
      throw new IllegalArgumentException(
          "Index name '"
              + name
              + "' is reserved: names starting with '^' or '__' cannot be used in a scratchpad");
    }
    byte[] qualified = utf8(namespace + "." + name);
    byte[] key = address.groupKey();
    if (key != null) {
      int at = qualified.length;
      qualified = Arrays.copyOf(qualified, at + 1 + key.length);
      System.arraycopy(key, 0, qualified, at + 1, key.length);
    }
    return IndexAddress.inGroup(GROUP, qualified);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
