package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry surgery for migrations: moving the indexes of {@code ^ns.} over those of {@code ns.},
 * and erasing whole families of indexes found by an address prefix.
 *
 * <p>Every removal clears the index's key space, which a merge turns into one RocksDB range delete,
 * so dropping a large index costs the same as dropping a small one.
 */
final class MigratedIndexes {
  private MigratedIndexes() {}

  /**
   * What a flush did to the default aggregation.
   *
   * @param aggregated moved indexes, with their types, that now enter the default state hash
   * @param unaggregated names that must leave the default state hash
   */
  record Flushed(Map<IndexAddress, IndexType> aggregated, List<String> unaggregated) {}

  /** An index found in the registry: its encoded address and its metadata. */
  private record Registered(byte[] address, IndexMetadata metadata) {}

  /**
   * Moves every {@code ^ns.x} over {@code ns.x}: the old index's data is dropped, its metadata is
   * re-pointed at the migrated data; a tombstone drops {@code ns.x} altogether.
   */
  static Flushed flush(KvReader reader, ChangeSet changes, String namespace) {
    Map<IndexAddress, IndexType> aggregated = new LinkedHashMap<>();
    List<String> unaggregated = new ArrayList<>();
    for (Registered migrated : registered(reader, migrationPrefix(namespace))) {
      byte[] target = Arrays.copyOfRange(migrated.address(), 1, migrated.address().length);
      IndexAddress targetAddress = Keys.parseAddress(target);
      byte[] targetKey = Keys.tagged(Keys.METADATA_BY_ADDRESS, target);
      IndexMetadata moved = migrated.metadata();
      IndexMetadata old = IndexRegistry.lookup(reader, targetKey);
      changes.put(
          Keys.METADATA_ID,
          Keys.tagged(Keys.METADATA_BY_ADDRESS, migrated.address()),
          IndexChanges.DELETED);
      if (old != null) {
        dropData(changes, old.id());
        if (StateAggregator.isAggregated(targetAddress, old.type())
            && !StateAggregator.isAggregated(targetAddress, moved.type())) {
          unaggregated.add(targetAddress.name());
        }
      }
      if (moved.type() == IndexType.TOMBSTONE) {
        dropData(changes, moved.id());
        changes.put(Keys.METADATA_ID, targetKey, IndexChanges.DELETED);
      } else {
        changes.put(Keys.METADATA_ID, targetKey, moved.encode());
        changes.put(Keys.METADATA_ID, reverseKey(moved.id()), target);
        if (StateAggregator.isAggregated(targetAddress, moved.type())) {
          aggregated.put(targetAddress, moved.type());
        }
      }
    }
    eraseExact(reader, changes, StateAggregator.migrationAddress(namespace));
    erase(reader, changes, Scratchpad.registryPrefix(namespace));
    return new Flushed(aggregated, unaggregated);
  }

  /** Erases every {@code ^ns.x} (data and metadata), the namespace's aggregator and scratchpad. */
  static void rollback(KvReader reader, ChangeSet changes, String namespace) {
    erase(reader, changes, migrationPrefix(namespace));
    eraseExact(reader, changes, StateAggregator.migrationAddress(namespace));
    erase(reader, changes, Scratchpad.registryPrefix(namespace));
  }

  /** Erases every index whose encoded address starts with {@code addressPrefix}. */
  static void erase(KvReader reader, ChangeSet changes, byte[] addressPrefix) {
    for (Registered r : registered(reader, addressPrefix)) {
      eraseOne(changes, r);
    }
  }

  private static void eraseExact(KvReader reader, ChangeSet changes, IndexAddress address) {
    byte[] encoded = Keys.address(address);
    IndexMetadata metadata =
        IndexRegistry.lookup(reader, Keys.tagged(Keys.METADATA_BY_ADDRESS, encoded));
    if (metadata != null) {
      eraseOne(changes, new Registered(encoded, metadata));
    }
  }

  private static void eraseOne(ChangeSet changes, Registered r) {
    dropData(changes, r.metadata().id());
    changes.put(
        Keys.METADATA_ID, Keys.tagged(Keys.METADATA_BY_ADDRESS, r.address()), IndexChanges.DELETED);
  }

  /** Clears the key space of index {@code id} and frees the id. */
  private static void dropData(ChangeSet changes, long id) {
    changes.clear(id);
    changes.put(Keys.METADATA_ID, reverseKey(id), IndexChanges.DELETED);
  }

  private static byte[] migrationPrefix(String namespace) {
    return ("^" + namespace + ".").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] reverseKey(long id) {
    return Keys.tagged(Keys.ADDRESS_BY_ID, Keys.prefix(id));
  }

  /** The registry entries under a prefix, collected first so that the caller may then write. */
  private static List<Registered> registered(KvReader reader, byte[] addressPrefix) {
    byte[] from = Keys.tagged(Keys.METADATA_BY_ADDRESS, addressPrefix);
    List<Registered> found = new ArrayList<>();
    Iterator<RawEntry> it = reader.scan(Keys.METADATA_ID, from);
    while (it.hasNext()) {
      RawEntry e = it.next();
      byte[] key = e.key();
      if (key.length < from.length || !Arrays.equals(key, 0, from.length, from, 0, from.length)) {
        break;
      }
      found.add(
          new Registered(Arrays.copyOfRange(key, 1, key.length), IndexMetadata.decode(e.value())));
    }
    return found;
  }
}
