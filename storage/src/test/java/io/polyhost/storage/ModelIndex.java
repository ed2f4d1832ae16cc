package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.IndexViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The expected content of one index in the migration model: its type and the values pushed into it
 * since it was last cleared. "Pushing" means what is natural for the type: set an entry, append to
 * a list, put {@code v -> v} into a map, add to a set.
 */
final class ModelIndex {
  private static final Serializer<Integer> INT = Serializers.int32();

  final IndexType type;
  final List<Integer> values = new ArrayList<>();

  ModelIndex(IndexType type) {
    this.type = type;
  }

  ModelIndex copy() {
    ModelIndex c = new ModelIndex(type);
    c.values.addAll(values);
    return c;
  }

  /**
   * Pushes {@code value} (or clears, for {@code null}) into the index at {@code address}, creating
   * it as {@code type} if it does not exist; returns the type it really has. Tombstones are left
   * alone.
   */
  static IndexType work(
      StorageAccess access, IndexAddress address, IndexType type, @Nullable Integer value) {
    IndexType real = access.indexType(address).orElse(type);
    if (real == IndexType.TOMBSTONE) {
      return real;
    }
    IndexAccess ix = IndexViews.over(access);
    if (value == null) {
      clear(ix, address, real);
    } else {
      push(ix, address, real, value);
    }
    return real;
  }

  private static void push(IndexAccess ix, IndexAddress address, IndexType type, int value) {
    switch (type) {
      case ENTRY -> ix.entry(address, INT).set(value);
      case PROOF_ENTRY -> ix.proofEntry(address, INT).set(value);
      case LIST -> ix.list(address, INT).add(value);
      case PROOF_LIST -> ix.proofList(address, INT).add(value);
      case SPARSE_LIST -> ix.sparseList(address, INT).add(value);
      case MAP -> ix.map(address, INT, INT).put(value, value);
      case PROOF_MAP -> ix.proofMap(address, INT, INT).put(value, value);
      case KEY_SET -> ix.keySet(address, INT).add(value);
      case VALUE_SET -> ix.valueSet(address, INT).add(value);
      default -> throw new IllegalArgumentException("No work for " + type);
    }
  }

  private static void clear(IndexAccess ix, IndexAddress address, IndexType type) {
    switch (type) {
      case ENTRY -> ix.entry(address, INT).remove();
      case PROOF_ENTRY -> ix.proofEntry(address, INT).remove();
      case LIST -> ix.list(address, INT).clear();
      case PROOF_LIST -> ix.proofList(address, INT).clear();
      case SPARSE_LIST -> ix.sparseList(address, INT).clear();
      case MAP -> ix.map(address, INT, INT).clear();
      case PROOF_MAP -> ix.proofMap(address, INT, INT).clear();
      case KEY_SET -> ix.keySet(address, INT).clear();
      case VALUE_SET -> ix.valueSet(address, INT).clear();
      default -> throw new IllegalArgumentException("No work for " + type);
    }
  }

  void record(@Nullable Integer value) {
    if (value == null) {
      values.clear();
    } else {
      values.add(value);
    }
  }

  /** Writes this content into a fresh index at {@code address}, as a direct write would. */
  void writeDirectly(StorageAccess access, IndexAddress address) {
    work(access, address, type, null);
    values.forEach(v -> work(access, address, type, v));
  }

  /** Checks that {@code access} holds exactly this content at {@code address}. */
  void check(StorageAccess access, IndexAddress address) {
    assertThat(access.indexType(address)).as("type of %s", address).contains(type);
    IndexAccess ix = IndexViews.over(access.readOnly());
    Optional<Integer> last = values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    TreeSet<Integer> set = new TreeSet<>(values);
    String what = "content of " + address;
    switch (type) {
      case ENTRY -> assertThat(ix.entry(address, INT).get()).as(what).isEqualTo(last);
      case PROOF_ENTRY -> assertThat(ix.proofEntry(address, INT).get()).as(what).isEqualTo(last);
      case LIST -> assertThat(ix.list(address, INT)).as(what).containsExactlyElementsOf(values);
      case PROOF_LIST ->
          assertThat(ix.proofList(address, INT)).as(what).containsExactlyElementsOf(values);
      case SPARSE_LIST ->
          assertThat(ix.sparseList(address, INT).values())
              .toIterable()
              .as(what)
              .containsExactlyElementsOf(values);
      case MAP -> assertThat(keys(ix.map(address, INT, INT).entries())).as(what).isEqualTo(set);
      case PROOF_MAP ->
          assertThat(keys(ix.proofMap(address, INT, INT).entries())).as(what).isEqualTo(set);
      case KEY_SET -> assertThat(new TreeSet<>(toList(ix.keySet(address, INT)))).isEqualTo(set);
      case VALUE_SET ->
          assertThat(keys(swap(ix.valueSet(address, INT).entries()))).as(what).isEqualTo(set);
      case TOMBSTONE -> {}
    }
  }

  /** The object hash of the Merkelized index at {@code address}. */
  static Hash objectHash(StorageAccess access, IndexAddress address, IndexType type) {
    return StateAggregator.objectHash(access.rawIndexForRead(address, type));
  }

  private static TreeSet<Integer> keys(java.util.Iterator<Map.Entry<Integer, Integer>> entries) {
    TreeSet<Integer> keys = new TreeSet<>();
    entries.forEachRemaining(e -> {
      assertThat(e.getValue()).isEqualTo(e.getKey());
      keys.add(e.getKey());
    });
    return keys;
  }

  private static java.util.Iterator<Map.Entry<Integer, Integer>> swap(
      java.util.Iterator<Map.Entry<Hash, Integer>> entries) {
    List<Map.Entry<Integer, Integer>> out = new ArrayList<>();
    entries.forEachRemaining(e -> out.add(Map.entry(e.getValue(), e.getValue())));
    return out.iterator();
  }

  private static List<Integer> toList(Iterable<Integer> values) {
    List<Integer> out = new ArrayList<>();
    values.forEach(out::add);
    return out;
  }
}
