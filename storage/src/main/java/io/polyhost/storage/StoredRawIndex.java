package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.api.storage.StorageException;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An index that exists in the registry, read through a {@link KvReader} and, when writable, written
 * into a fork's {@link ChangeSet}.
 */
final class StoredRawIndex implements RawIndex {
  private final IndexAddress address;
  private final IndexType type;
  private final long id;
  private final byte[] metadataKey;
  private final KvReader reader;
  private final @Nullable ChangeSet changes;

  StoredRawIndex(
      IndexAddress address,
      IndexMetadata metadata,
      byte[] metadataKey,
      KvReader reader,
      @Nullable ChangeSet changes) {
    this.address = address;
    this.type = metadata.type();
    this.id = metadata.id();
    this.metadataKey = metadataKey;
    this.reader = reader;
    this.changes = changes;
  }

  long id() {
    return id;
  }

  /** Whether the registry still maps this index's address to its id (no migration moved it). */
  boolean isLive() {
    IndexMetadata m = IndexRegistry.lookup(reader, metadataKey);
    return m != null && m.id() == id;
  }

  @Override
  public IndexAddress address() {
    return address;
  }

  @Override
  public IndexType type() {
    return type;
  }

  @Override
  public boolean isWritable() {
    return changes != null;
  }

  @Override
  public byte @Nullable [] get(byte[] key) {
    return reader.get(id, key);
  }

  @Override
  public List<byte @Nullable []> getAll(List<byte[]> keys) {
    return reader.getAll(id, keys);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    ChangeSet c = writable();
    if (key.length > Limits.MAX_KEY_SIZE) {
      throw new IllegalArgumentException(
          "Key of "
              + key.length
              + " bytes in index '"
              + address
              + "' exceeds the limit of "
              + Limits.MAX_KEY_SIZE
              + " bytes");
    }
    if (value.length > Limits.MAX_VALUE_SIZE) {
      throw new IllegalArgumentException(
          "Value of "
              + value.length
              + " bytes in index '"
              + address
              + "' exceeds the limit of "
              + Limits.MAX_VALUE_SIZE
              + " bytes");
    }
    c.put(id, key, value);
  }

  @Override
  public void remove(byte[] key) {
    writable().put(id, key, IndexChanges.DELETED);
  }

  @Override
  public void clear() {
    writable().clear(id);
    setState(null);
  }

  @Override
  public byte @Nullable [] getDerived(byte[] key) {
    return reader.getDerived(id, key);
  }

  @Override
  public void putDerived(byte[] key, byte @Nullable [] value) {
    writable().putDerived(id, key, value == null ? IndexChanges.DELETED : value);
  }

  @Override
  public void logDerivation(byte[] record) {
    writable().log(id, record);
  }

  @Override
  public boolean keepsNotes() {
    return changes != null;
  }

  @Override
  public List<Note> notes() {
    return reader.notes(id);
  }

  @Override
  public void addNote(Note note) {
    writable().note(id, note);
  }

  @Override
  public void clearNotes() {
    writable().clearNotes(id);
  }

  @Override
  public Iterator<RawEntry> iterator(byte[] from) {
    return reader.scan(id, from);
  }

  @Override
  public ContentCache pageCache() {
    return reader.pageCache();
  }

  @Override
  public byte @Nullable [] state() {
    return currentMetadata().state();
  }

  @Override
  public void setState(byte @Nullable [] state) {
    ChangeSet c = writable();
    c.put(Keys.METADATA_ID, metadataKey, currentMetadata().withState(state).encode());
  }

  private IndexMetadata currentMetadata() {
    IndexMetadata m = IndexRegistry.lookup(reader, metadataKey);
    if (m == null || m.id() != id) {
      throw new StorageException(
          "Index '" + address + "' no longer exists in this fork (it was rolled back or removed)");
    }
    return m;
  }

  private ChangeSet writable() {
    if (changes == null) {
      throw new ReadOnlyStorageException(address);
    }
    return changes;
  }
}
