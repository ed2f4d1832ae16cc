package io.polyhost.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.IndexViews;
import io.polyhost.storage.index.ProofMapIndexView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A proof map in a fork keeps its unhashed leaf changes as notes (see {@link RawIndex#notes}): in
 * memory, following flush and rollback, visible to the fork's read-only views, settled before the
 * fork becomes a patch, and never written to the database. Stored pending marks, which forks wrote
 * before notes existed, are still honoured beneath them.
 */
class ProofMapNotesTest extends WithDatabase {
  private static final IndexAddress MAP = IndexAddress.of("notes.map");
  private static final IndexAddress GROUPED = IndexAddress.inGroup("notes.group", new byte[] {7});
  private static final byte PENDING_REGION = 0x02;

  @Test
  void writesAreNotedInMemoryAndSettledByHashing() {
    try (Fork fork = db.fork()) {
      RawIndex raw = fork.rawIndex(MAP, IndexType.PROOF_MAP);
      ProofMapIndex<byte[], byte[]> map = view(raw);
      map.put(bytes("a"), bytes("1"));
      map.put(bytes("b"), bytes("2"));
      map.remove(bytes("a"));

      assertThat(raw.keepsNotes()).isTrue();
      assertThat(raw.notes()).hasSize(3);
      assertThat(pendingMarks(raw)).isEmpty();

      Hash hash = map.objectHash();
      assertThat(raw.notes()).isEmpty();
      assertThat(hash).isEqualTo(reference(Map.of("b", "2")));
    }
  }

  @Test
  void readOnlyViewsOfTheForkSeeNotedChanges() {
    try (Fork fork = db.fork()) {
      ProofMapIndex<byte[], byte[]> map = view(fork.rawIndex(MAP, IndexType.PROOF_MAP));
      map.put(bytes("a"), bytes("1"));
      map.objectHash();
      map.put(bytes("b"), bytes("2"));

      RawIndex readOnly = fork.rawIndexForRead(MAP, IndexType.PROOF_MAP);
      assertThat(readOnly.keepsNotes()).isFalse();
      assertThat(readOnly.notes()).hasSize(1);
      ProofMapIndex<byte[], byte[]> reader = view(readOnly);
      Hash expected = reference(Map.of("a", "1", "b", "2"));
      assertThat(reader.objectHash()).isEqualTo(expected);
      assertThat(reader.proof(bytes("b")).verify(expected).value(bytes("b"))).contains(bytes("2"));
      // Reading settles nothing: the writable view still owes the change.
      assertThat(readOnly.notes()).hasSize(1);
      assertThat(map.objectHash()).isEqualTo(expected);
    }
  }

  @Test
  void rollbackRestoresNotesAndTheTrieTogether() {
    try (Fork fork = db.fork()) {
      RawIndex raw = fork.rawIndex(MAP, IndexType.PROOF_MAP);
      ProofMapIndex<byte[], byte[]> map = view(raw);
      map.put(bytes("a"), bytes("1"));
      fork.flush();

      // Noted changes undone before anything hashed them.
      map.put(bytes("b"), bytes("2"));
      map.put(bytes("a"), bytes("9"));
      fork.rollback();
      assertThat(raw.notes()).hasSize(1);
      assertThat(map.objectHash()).isEqualTo(reference(Map.of("a", "1")));

      // Hashed (so settled) changes undone: the notes settled since the flush come back with the
      // trie as it was, and settle again to the same hash.
      fork.rollback();
      assertThat(raw.notes()).hasSize(1);
      map.put(bytes("c"), bytes("3"));
      map.objectHash();
      fork.rollback();
      assertThat(raw.notes()).hasSize(1);
      assertThat(map.objectHash()).isEqualTo(reference(Map.of("a", "1")));
    }
  }

  @Test
  void clearingTheMapDropsItsNotes() {
    try (Fork fork = db.fork()) {
      RawIndex raw = fork.rawIndex(MAP, IndexType.PROOF_MAP);
      ProofMapIndex<byte[], byte[]> map = view(raw);
      map.put(bytes("a"), bytes("1"));
      map.clear();
      assertThat(raw.notes()).isEmpty();
      map.put(bytes("b"), bytes("2"));
      assertThat(map.objectHash()).isEqualTo(reference(Map.of("b", "2")));
    }
  }

  @Test
  void mapsOutsideTheStateHashAreSettledWhenTheForkBecomesAPatch() {
    Fork fork = db.fork();
    ProofMapIndex<byte[], byte[]> grouped = view(fork.rawIndex(GROUPED, IndexType.PROOF_MAP));
    grouped.put(bytes("a"), bytes("1"));
    grouped.put(bytes("b"), bytes("2"));
    merge(fork);

    try (Fork next = db.fork()) {
      RawIndex raw = next.rawIndex(GROUPED, IndexType.PROOF_MAP);
      assertThat(raw.notes()).isEmpty();
      assertThat(pendingMarks(raw)).isEmpty();
      assertThat(view(raw).objectHash()).isEqualTo(reference(Map.of("a", "1", "b", "2")));
    }
  }

  @Test
  void storedPendingMarksAreAppliedBeneathNotes() {
    // Write a map outside the state hash whose changes end up as stored pending marks, as forks
    // stored them before notes existed: each put's note is turned into a mark by hand.
    Fork fork = db.fork();
    RawIndex raw = fork.rawIndex(GROUPED, IndexType.PROOF_MAP);
    ProofMapIndex<byte[], byte[]> map = view(raw);
    map.put(bytes("a"), bytes("1"));
    map.objectHash();
    map.put(bytes("b"), bytes("2"));
    map.put(bytes("c"), bytes("3"));
    map.put(bytes("d"), bytes("4"));
    raw.clearNotes();
    storeMark(raw, "b", "2");
    storeMark(raw, "c", "3");
    storeMark(raw, "d", "4");
    merge(fork);

    try (Fork next = db.fork()) {
      RawIndex stored = next.rawIndex(GROUPED, IndexType.PROOF_MAP);
      assertThat(pendingMarks(stored)).hasSize(3);
      ProofMapIndex<byte[], byte[]> again = view(stored);
      again.put(bytes("c"), bytes("30")); // a note over a mark of the same path
      again.remove(bytes("d")); // a removal over a marked put
      again.put(bytes("e"), bytes("5"));
      assertThat(again.objectHash())
          .isEqualTo(reference(Map.of("a", "1", "b", "2", "c", "30", "e", "5")));
      assertThat(pendingMarks(stored)).isEmpty();
      assertThat(stored.notes()).isEmpty();
    }
  }

  @Test
  void notesFollowAMapThatAMigrationMoves() {
    Fork fork = db.fork();
    IndexViews.over(fork).proofMap("m.pm", Serializers.bytes(), Serializers.bytes());
    ProofMapIndex<byte[], byte[]> migrated =
        IndexViews.over(Migration.of(fork, "m"))
            .proofMap("pm", Serializers.bytes(), Serializers.bytes());
    migrated.put(bytes("a"), bytes("1"));
    migrated.put(bytes("b"), bytes("2"));
    fork.flushMigration("m");
    Hash expected = reference(Map.of("a", "1", "b", "2"));
    ProofMapIndex<byte[], byte[]> moved =
        IndexViews.over(fork).proofMap("m.pm", Serializers.bytes(), Serializers.bytes());
    assertThat(moved.objectHash()).isEqualTo(expected);
    merge(fork);

    try (Snapshot snapshot = db.snapshot()) {
      IndexAccess access = IndexViews.over(snapshot);
      assertThat(access.proofMap("m.pm", Serializers.bytes(), Serializers.bytes()).objectHash())
          .isEqualTo(expected);
    }
  }

  private void merge(Fork fork) {
    try (Patch patch = fork.intoPatch()) {
      db.merge(patch);
    }
  }

  /** The hash of a map holding exactly {@code entries}, written in one go in a fresh fork. */
  private Hash reference(Map<String, String> entries) {
    try (Fork fork = db.fork()) {
      ProofMapIndex<byte[], byte[]> map =
          view(fork.rawIndex(IndexAddress.of("notes.reference"), IndexType.PROOF_MAP));
      new TreeMap<>(entries).forEach((k, v) -> map.put(bytes(k), bytes(v)));
      return map.objectHash();
    }
  }

  private static ProofMapIndex<byte[], byte[]> view(RawIndex raw) {
    return new ProofMapIndexView<>(raw, Serializers.bytes(), Serializers.bytes(), true);
  }

  /** Stores the pending mark of a put of {@code value} at {@code key}, and flags the state. */
  private static void storeMark(RawIndex raw, String key, String value) {
    byte[] markKey = new byte[1 + ProofPath.KEY_SIZE];
    markKey[0] = PENDING_REGION;
    System.arraycopy(Hash.sha256(bytes(key)).toBytes(), 0, markKey, 1, ProofPath.KEY_SIZE);
    raw.put(markKey, Hashing.value(bytes(value)).toBytes());
    byte[] state = raw.state();
    if (state == null) {
      throw new AssertionError("a map with entries has a state");
    }
    byte[] flagged = state.clone();
    flagged[1] |= (byte) 0x80;
    raw.setState(flagged);
  }

  private static List<byte[]> pendingMarks(RawIndex raw) {
    List<byte[]> marks = new ArrayList<>();
    Iterator<RawEntry> it = raw.iterator(new byte[] {PENDING_REGION});
    while (it.hasNext()) {
      byte[] key = it.next().key();
      if (key.length > 0 && key[0] == PENDING_REGION) {
        marks.add(Arrays.copyOf(key, key.length));
      }
    }
    return marks;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }
}
