package io.polyhost.api.storage;

/** A write through a read-only view (a snapshot, or another service's data). */
public final class ReadOnlyStorageException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** For a write to the index at {@code address}. */
  public ReadOnlyStorageException(IndexAddress address) {
    super("Index '" + address + "' is read-only here: it belongs to a snapshot or another service");
  }
}
