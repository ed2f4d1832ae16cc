package io.polyhost.api.storage;

/** An address that already holds an index of one type was opened as another type. */
public final class IndexTypeMismatchException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** For {@code address}, stored as {@code actual}, requested as {@code requested}. */
  public IndexTypeMismatchException(IndexAddress address, IndexType actual, IndexType requested) {
    super("Index '" + address + "' is a " + actual + " and cannot be opened as a " + requested);
  }
}
