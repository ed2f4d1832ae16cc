package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.storage.ContentCache;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages a commit puts into the database's {@link ContentCache}: its new pages, and those it
 * took out to change and left unchanged.
 *
 * <p>A large batch hands them to the trie's helper thread (see {@link SubtreeUpdates}), which is
 * idle while the writer merges the batch and makes the next one: some thousand cache insertions,
 * each a memory miss, then leave the writer's path. That is safe because a name stands for one
 * content only: until the helper gets to a page, a reader misses it and reads it from the index, as
 * it would after an eviction; a page put late can only be one that a newer commit has replaced,
 * which is wasted room until evicted, never a wrong answer.
 */
final class CacheWrites {
  /** Fewer pages than this are put at once: handing over costs more than it saves. */
  static final int MIN_HANDED_OVER = 64;

  private final List<Hash> names = new ArrayList<>();
  private final List<byte[]> blobs = new ArrayList<>();

  void add(Hash name, byte[] blob) {
    names.add(name);
    blobs.add(blob);
  }

  /** Puts every page added into {@code cache}, now or on the helper thread, and forgets them. */
  void flush(ContentCache cache) {
    if (cache == ContentCache.disabled()) {
      names.clear();
      blobs.clear();
      return;
    }
    if (names.isEmpty()) {
      return;
    }
    Hash[] n = names.toArray(new Hash[0]);
    byte[][] b = blobs.toArray(new byte[0][]);
    names.clear();
    blobs.clear();
    Runnable writes =
        () -> {
          for (int i = 0; i < n.length; i++) {
            cache.put(n[i], b[i]);
          }
        };
    if (n.length < MIN_HANDED_OVER || !SubtreeUpdates.handOver(writes)) {
      writes.run();
    }
  }
}
