package io.polyhost.api.proof;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.Serializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link MapProof} proves once {@link MapProof#verify verified}: under the map hash, each
 * requested key has the given value or is absent.
 *
 * <p>Lists follow the order of the key paths, which is the order of the proof.
 */
public final class VerifiedMapProof {
  private final Hash mapHash;
  private final List<MapProofEntry> entries;

  VerifiedMapProof(Hash mapHash, List<MapProofEntry> entries) {
    this.mapHash = mapHash;
    this.entries = entries;
  }

  /** The map hash the proof was checked against. */
  public Hash mapHash() {
    return mapHash;
  }

  /** Every requested key, present with its value or missing. */
  public List<MapProofEntry> entries() {
    return entries;
  }

  /** The requested keys that are present, with their values. */
  public List<MapProofEntry> presentEntries() {
    return entries.stream().filter(MapProofEntry::isPresent).toList();
  }

  /** The requested keys proven absent. */
  public List<byte[]> missingKeys() {
    return entries.stream().filter(e -> !e.isPresent()).map(MapProofEntry::key).toList();
  }

  /**
   * The proven value of a requested key: present, or empty when proven absent.
   *
   * @throws IllegalArgumentException if the proof does not cover {@code key}: it proves nothing
   *     about keys that were not requested
   */
  public Optional<byte[]> value(byte[] key) {
    for (MapProofEntry e : entries) {
      if (Arrays.equals(e.keyBytes(), key)) {
        return e.value();
      }
    }
    throw new IllegalArgumentException(
        "The proof does not cover key " + HexFormat.of().formatHex(key) + "; it proves nothing");
  }

  /**
   * The proven value of a requested key, decoded.
   *
   * @throws IllegalArgumentException if the proof does not cover {@code key}, or the value does not
   *     decode
   */
  public <K, V> Optional<V> value(K key, Serializer<K> keys, Serializer<V> values) {
    return value(keys.encode(key)).map(values::decode);
  }

  /**
   * The present entries, decoded, in path order.
   *
   * @throws IllegalArgumentException if a key or value does not decode
   */
  public <K, V> Map<K, V> present(Serializer<K> keys, Serializer<V> values) {
    Map<K, V> out = new LinkedHashMap<>();
    for (MapProofEntry e : entries) {
      byte[] value = e.valueBytes();
      if (value != null) {
        out.put(keys.decode(e.keyBytes()), values.decode(value));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The keys proven absent, decoded, in path order.
   *
   * @throws IllegalArgumentException if a key does not decode
   */
  public <K> List<K> missing(Serializer<K> keys) {
    List<K> out = new ArrayList<>();
    for (MapProofEntry e : entries) {
      if (!e.isPresent()) {
        out.add(keys.decode(e.keyBytes()));
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public String toString() {
    return "VerifiedMapProof{mapHash=" + mapHash + ", entries=" + entries + "}";
  }
}
