package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Stored branch pages kept in memory, keyed by the hash of each page's top branch.
 *
 * <p>A page's branches all lie below its top branch, whose hash commits to everything below it, so
 * that hash names the page's content exactly. The cache therefore needs no invalidation: a fork
 * rollback, another fork or another index can only ever find the very bytes it would read. It saves
 * the raw read (and, on a database, the disk) for pages reached again in later batches.
 *
 * <p>Bounded by the bytes it holds, least recently used first out. Pages are never modified once
 * stored here.
 */
final class PageCache {
  /** Shared by every proof map in the process; size via {@code polyhost.proofmap.pageCacheMiB}. */
  static final PageCache SHARED =
      new PageCache(Long.getLong("polyhost.proofmap.pageCacheMiB", 64) << 20);

  private final long capacity;
  private final LinkedHashMap<Hash, byte[]> pages = new LinkedHashMap<>(1024, 0.75f, true);
  private long size;

  PageCache(long capacityBytes) {
    this.capacity = capacityBytes;
  }

  synchronized byte @Nullable [] get(Hash topBranch) {
    return pages.get(topBranch);
  }

  synchronized void put(Hash topBranch, byte[] page) {
    if (page.length > capacity) {
      return;
    }
    byte[] old = pages.put(topBranch, page);
    size += page.length - (old == null ? 0 : old.length);
    var it = pages.entrySet().iterator();
    while (size > capacity && it.hasNext()) {
      Map.Entry<Hash, byte[]> eldest = it.next();
      size -= eldest.getValue().length;
      it.remove();
    }
  }
}
