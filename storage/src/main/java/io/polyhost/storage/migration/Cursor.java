package io.polyhost.storage.migration;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.SparseListIndex;
import io.polyhost.api.storage.ValueSetIndex;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An index seen as a sequence that can restart at a stored position: the position of an element is
 * the bytes of its key (its serialized key, position or hash).
 *
 * @param <T> the element type
 */
interface Cursor<T> {
  /** The elements from {@code position} on, or all of them for {@code null}. */
  Iterator<T> from(byte @Nullable [] position);

  /** The position at which {@link #from} yields {@code element} first. */
  byte[] positionOf(T element);

  static <K, V> Cursor<Map.Entry<K, V>> of(MapIndex<K, V> map, Serializer<K> keys) {
    return new Cursor<>() {
      @Override
      public Iterator<Map.Entry<K, V>> from(byte @Nullable [] position) {
        return position == null ? map.entries() : map.entriesFrom(keys.decode(position));
      }

      @Override
      public byte[] positionOf(Map.Entry<K, V> element) {
        return keys.encode(element.getKey());
      }
    };
  }

  static <K> Cursor<K> of(KeySetIndex<K> set, Serializer<K> keys) {
    return new Cursor<>() {
      @Override
      public Iterator<K> from(byte @Nullable [] position) {
        return position == null ? set.iterator() : set.iteratorFrom(keys.decode(position));
      }

      @Override
      public byte[] positionOf(K element) {
        return keys.encode(element);
      }
    };
  }

  static <V> Cursor<Map.Entry<Hash, V>> of(ValueSetIndex<V> set) {
    return new Cursor<>() {
      @Override
      public Iterator<Map.Entry<Hash, V>> from(byte @Nullable [] position) {
        return position == null ? set.entries() : set.entriesFrom(Hash.of(position));
      }

      @Override
      public byte[] positionOf(Map.Entry<Hash, V> element) {
        return element.getKey().toBytes();
      }
    };
  }

  static <V> Cursor<Map.Entry<Long, V>> of(SparseListIndex<V> list) {
    return new Cursor<>() {
      @Override
      public Iterator<Map.Entry<Long, V>> from(byte @Nullable [] position) {
        return list.entriesFrom(position == null ? 0 : ByteBuffer.wrap(position).getLong());
      }

      @Override
      public byte[] positionOf(Map.Entry<Long, V> element) {
        return ByteBuffer.allocate(Long.BYTES).putLong(element.getKey()).array();
      }
    };
  }

  static <V> Cursor<Map.Entry<Long, V>> of(ListIndex<V> list) {
    return new Cursor<>() {
      @Override
      public Iterator<Map.Entry<Long, V>> from(byte @Nullable [] position) {
        long start = position == null ? 0 : ByteBuffer.wrap(position).getLong();
        Iterator<V> values = list.iterator(start);
        return new Iterator<>() {
          private long next = start;

          @Override
          public boolean hasNext() {
            return values.hasNext();
          }

          @Override
          public Map.Entry<Long, V> next() {
            return Map.entry(next++, values.next());
          }
        };
      }

      @Override
      public byte[] positionOf(Map.Entry<Long, V> element) {
        return ByteBuffer.allocate(Long.BYTES).putLong(element.getKey()).array();
      }
    };
  }
}
