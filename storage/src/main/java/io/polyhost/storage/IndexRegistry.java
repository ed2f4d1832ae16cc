package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Finds and creates index metadata in the registry (index id 0).
 *
 * <p>Ids are derived from the address hash rather than from a counter, so two forks that create
 * different indexes concurrently (a block and a background migration) cannot hand out the same id.
 * A collision with an id already in use moves deterministically to the next candidate.
 */
final class IndexRegistry {
  private IndexRegistry() {}

  private static final byte[] ID_DOMAIN = "polyhost.index-id".getBytes(StandardCharsets.US_ASCII);

  static byte[] metadataKey(IndexAddress address) {
    return Keys.tagged(Keys.METADATA_BY_ADDRESS, Keys.address(address));
  }

  static @Nullable IndexMetadata lookup(KvReader reader, byte[] metadataKey) {
    byte[] raw = reader.get(Keys.METADATA_ID, metadataKey);
    return raw == null ? null : IndexMetadata.decode(raw);
  }

  static IndexMetadata create(
      KvReader reader, ChangeSet changes, IndexAddress address, IndexType type) {
    byte[] addressBytes = Keys.address(address);
    for (int attempt = 0; ; attempt++) {
      long id = candidateId(addressBytes, attempt);
      byte[] reverseKey = Keys.tagged(Keys.ADDRESS_BY_ID, Keys.prefix(id));
      if (id != Keys.METADATA_ID && reader.get(Keys.METADATA_ID, reverseKey) == null) {
        IndexMetadata metadata = new IndexMetadata(id, type, null);
        changes.put(Keys.METADATA_ID, reverseKey, addressBytes);
        changes.put(Keys.METADATA_ID, metadataKey(address), metadata.encode());
        return metadata;
      }
    }
  }

  private static long candidateId(byte[] addressBytes, int attempt) {
    MessageDigest d = Hash.newDigest();
    d.update(ID_DOMAIN);
    d.update(addressBytes);
    d.update((byte) attempt);
    // Keep the top bit clear so that id + 1 (the end of the id's key range) never wraps.
    return Keys.readLong(d.digest(), 0) & Long.MAX_VALUE;
  }
}
