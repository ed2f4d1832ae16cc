package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.RawIndex;

/**
 * Where the model checks get their raw indexes: in memory here, a real database elsewhere.
 *
 * <p>The checks call {@link #reopen} at random points between operations and go on with the raw
 * index it returns, through freshly built views. A database source can flush, merge, roll back
 * changes made after a flush, or close and reopen there, as long as the content is unchanged.
 */
public interface RawIndexSource {
  /** A new, empty, writable raw index of {@code type}. */
  RawIndex create(IndexType type);

  /**
   * The raw index to continue with after {@code raw}; it must hold exactly the content {@code raw}
   * holds. The default continues with {@code raw} itself.
   */
  default RawIndex reopen(RawIndex raw) {
    return raw;
  }
}
