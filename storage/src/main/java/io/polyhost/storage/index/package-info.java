/**
 * Typed index views (maps, lists, sets, entries, Merkelized lists) over the byte-level {@link
 * io.polyhost.storage.RawIndex} of one index.
 *
 * <p>A view holds no state of its own: every call reads or writes the raw index, so any number of
 * views over the same raw index stay consistent. Views check the recorded index type when they are
 * built, turn undecodable stored bytes into a {@link io.polyhost.api.storage.StorageException}
 * naming the index, and refuse every write through a read-only raw index, even a write that would
 * change nothing. Merkelized views keep their trees in the same raw index: the proof list updates
 * its tree with every write, the proof map marks writes pending and updates its trie once when a
 * hash or proof is needed. A large batch is applied on two threads ({@code SubtreeUpdates}), with
 * exactly the result of one.
 */
@NullMarked
package io.polyhost.storage.index;

import org.jspecify.annotations.NullMarked;
