package io.polyhost.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.SparseListIndex;
import io.polyhost.api.storage.ValueSetIndex;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Scratchpad;
import io.polyhost.storage.index.IndexViews;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistent iterators over each index type: they resume exactly after the last element taken. */
class PersistentIterTest {
  @TempDir Path dir;
  private RocksDbDatabase db;
  private Fork fork;
  private IndexAccess data;
  private IndexAccess scratchpad;

  @BeforeEach
  void open() {
    db = RocksDbDatabase.open(dir);
    fork = db.fork();
    data = IndexViews.over(fork);
    scratchpad = IndexViews.over(Scratchpad.of(fork, "iter"));
  }

  @AfterEach
  void close() {
    fork.close();
    db.close();
  }

  // Reference scenario: persistent_iter_for_map.
  @Test
  void persistentIterForMap() {
    MapIndex<Integer, String> map = data.map("map", Serializers.int32(), Serializers.string());
    for (int i = 0; i < 10; i++) {
      map.put(i, Integer.toString(i));
    }
    int expected = 0;
    for (var e : iters().map("map", map, Serializers.int32()).take(5)) {
      assertThat(e).isEqualTo(Map.entry(expected, Integer.toString(expected)));
      expected++;
    }
    assertThat(expected).isEqualTo(5);
    assertThat(position("map")).isEqualTo(next(Serializers.int32().encode(5)));

    PersistentIter<Map.Entry<Integer, String>> resumed =
        iters().map("map", map, Serializers.int32());
    while (resumed.hasNext()) {
      var e = resumed.next();
      assertThat(e).isEqualTo(Map.entry(expected, Integer.toString(expected)));
      expected++;
    }
    assertThat(expected).isEqualTo(10);
    assertThat(position("map")).isEqualTo(new byte[] {1});
    assertThat(resumed.isEnded()).isTrue();
    assertThatThrownBy(resumed::next).isInstanceOf(NoSuchElementException.class);

    PersistentIter<Map.Entry<Integer, String>> ended = iters().map("map", map, Serializers.int32());
    assertThat(ended.isEnded()).isTrue();
    assertThat(ended.hasNext()).isFalse();
  }

  // Reference scenario: persistent_iter_with_unsized_keys.
  @Test
  void persistentIterWithVariableLengthKeys() {
    ProofMapIndex<String, Long> map =
        data.proofMap("map", Serializers.string(), Serializers.int64());
    List<String> words = List.of("How", "many", "letters", "are", "in", "this", "word", "?");
    words.forEach(w -> map.put(w, (long) w.length()));
    List<String> order = new ArrayList<>();
    map.keys().forEachRemaining(order::add);
    String stop = order.get(3);

    List<String> seen = new ArrayList<>();
    PersistentIter<Map.Entry<String, Long>> iter = iters().map("map", map, Serializers.string());
    while (iter.hasNext()) {
      var e = iter.next();
      if (e.getKey().equals(stop)) {
        // Like take_while: the element that stops the loop was taken, so the position is past it.
        break;
      }
      assertThat(e.getValue()).isEqualTo(e.getKey().length());
      seen.add(e.getKey());
    }
    assertThat(seen).isEqualTo(order.subList(0, 3));
    assertThat(position("map")).isEqualTo(next(Serializers.string().encode(order.get(4))));

    List<String> rest = new ArrayList<>();
    iters().map("map", map, Serializers.string()).forEachRemaining(e -> rest.add(e.getKey()));
    assertThat(rest).isEqualTo(order.subList(4, order.size()));
  }

  // Reference scenario: persistent_iter_for_list.
  @Test
  void persistentIterForList() {
    ListIndex<String> list = data.list("list", Serializers.string());
    for (int i = 0; i < 10; i++) {
      list.add(Integer.toString(i));
    }
    List<Map.Entry<Long, String>> odd = new ArrayList<>();
    for (var e : iters().list("list", list).take(5)) {
      if (e.getKey() % 2 == 1) {
        odd.add(e);
      }
    }
    assertThat(odd).containsExactly(Map.entry(1L, "1"), Map.entry(3L, "3"));
    assertThat(position("list")).isEqualTo(next(longBytes(5)));

    for (var e : iters().list("list", list).take(3)) {
      assertThat(e.getValue()).isEqualTo(e.getKey().toString());
    }
    assertThat(position("list")).isEqualTo(next(longBytes(8)));
    assertThat(count(iters().list("list", list))).isEqualTo(2);
  }

  @Test
  void persistentIterForProofListResumesInANewProcess() {
    data.proofList("list", Serializers.int64()).addAll(List.of(10L, 11L, 12L, 13L));
    fork.flush();
    var list = data.proofList("list", Serializers.int64());
    assertThat(iters().list("list", list).take(3))
        .extracting(Map.Entry::getValue)
        .containsExactly(10L, 11L, 12L);
    io.polyhost.storage.Patch patch = fork.intoPatch();
    db.merge(patch);
    patch.close();
    db.close();

    db = RocksDbDatabase.open(dir);
    fork = db.fork();
    data = IndexViews.over(fork);
    scratchpad = IndexViews.over(Scratchpad.of(fork, "iter"));
    var reopened = data.proofList("list", Serializers.int64());
    PersistentIter<Map.Entry<Long, Long>> iter = iters().list("list", reopened);
    assertThat(iter.next()).isEqualTo(Map.entry(3L, 13L));
    assertThat(iter.hasNext()).isFalse();
    assertThat(iter.isEnded()).isTrue();
  }

  // Reference scenario: empty_persistent_iter.
  @Test
  void emptyPersistentIter() {
    ListIndex<String> list = data.list("list", Serializers.string());
    PersistentIters iters = iters();
    assertThat(count(iters.list("list", list))).isZero();
    assertThat(position("list")).isEqualTo(new byte[] {1});
    assertThat(iters.allEnded()).isTrue();
  }

  // Reference scenario: persistent_iter_for_sparse_list.
  @Test
  void persistentIterForSparseList() {
    SparseListIndex<String> list = data.sparseList("list", Serializers.string());
    for (long i : new long[] {0, 1, 2, 3, 5, 8, 13, 21}) {
      list.set(i, Long.toString(i));
    }
    int count = 0;
    for (var e : iters().sparseList("list", list).take(5)) {
      assertThat(e.getValue()).isEqualTo(e.getKey().toString());
      count++;
    }
    assertThat(count).isEqualTo(5);
    assertThat(position("list")).isEqualTo(next(longBytes(8)));
    List<Long> positions = new ArrayList<>();
    iters().sparseList("list", list).forEachRemaining(e -> positions.add(e.getKey()));
    assertThat(positions).containsExactly(8L, 13L, 21L);
  }

  // Reference scenario: persistent_iter_for_key_set.
  @Test
  void persistentIterForKeySet() {
    KeySetIndex<Integer> set = data.keySet("set", Serializers.int32());
    for (int i : new int[] {0, 1, 2, 3, 5, 8, 13, 21}) {
      set.add(i);
    }
    List<Integer> head = new ArrayList<>();
    iters().keySet("set", set, Serializers.int32()).take(3).forEach(head::add);
    assertThat(head).containsExactly(0, 1, 2);

    PersistentIter<Integer> iter = iters().keySet("set", set, Serializers.int32());
    iter.next();
    iter.next();
    assertThat(iter.next()).isEqualTo(8);
    assertThat(position("set")).isEqualTo(next(Serializers.int32().encode(13)));

    List<Integer> tail = new ArrayList<>();
    iters().keySet("set", set, Serializers.int32()).forEachRemaining(tail::add);
    assertThat(tail).containsExactly(13, 21);
  }

  // Reference scenario: persistent_iter_for_value_set.
  @Test
  void persistentIterForValueSet() {
    ValueSetIndex<Integer> set = data.valueSet("set", Serializers.int32());
    Set<Integer> items = Set.of(0, 1, 2, 3, 5, 8, 13, 21);
    items.forEach(set::add);
    List<Integer> seen = new ArrayList<>();
    iters().valueSet("set", set).take(3).forEach(e -> seen.add(e.getValue()));
    iters().valueSet("set", set).take(2).forEach(e -> seen.add(e.getValue()));
    PersistentIter<Map.Entry<Hash, Integer>> tail = iters().valueSet("set", set);
    tail.forEachRemaining(e -> seen.add(e.getValue()));
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(items);
  }

  @Test
  void allEndedTracksEveryIteratorCreated() {
    ListIndex<String> a = data.list("a", Serializers.string());
    a.add("x");
    ListIndex<String> b = data.list("b", Serializers.string());
    b.add("y");
    b.add("z");
    PersistentIters iters = iters();
    assertThat(iters.allEnded()).as("no iterator yet").isTrue();
    iters.list("a", a).forEachRemaining(e -> {});
    iters.list("b", b).next();
    assertThat(iters.allEnded()).isFalse();
    iters.list("b", b).next();
    assertThat(iters.allEnded()).isTrue();
  }

  @Test
  void badArgumentsAreRefused() {
    ListIndex<String> list = data.list("list", Serializers.string());
    assertThatThrownBy(() -> iters().list("list", list).take(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PersistentIters.in(IndexViews.over(fork.readOnly())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("writable");
  }

  private PersistentIters iters() {
    return PersistentIters.in(scratchpad);
  }

  private byte[] position(String name) {
    return scratchpad.entry(name, Serializers.bytes()).get().orElseThrow();
  }

  private static byte[] next(byte[] key) {
    byte[] out = new byte[key.length + 1];
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }

  private static byte[] longBytes(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  private static int count(PersistentIter<?> iter) {
    int n = 0;
    while (iter.hasNext()) {
      iter.next();
      n++;
    }
    return n;
  }
}
