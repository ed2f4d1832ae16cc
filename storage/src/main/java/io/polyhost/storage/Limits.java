package io.polyhost.storage;

/** Size limits the database enforces on every write. */
public final class Limits {
  private Limits() {}

  /** The longest key an index accepts, in bytes. */
  public static final int MAX_KEY_SIZE = 4 * 1024;

  /** The longest value an index accepts, in bytes. */
  public static final int MAX_VALUE_SIZE = 16 * 1024 * 1024;
}
