package io.polyhost.runtime.js;

import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.HasObjectHash;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.jspecify.annotations.Nullable;

/**
 * The guest's side of storage; public only because GraalJS exports members of public classes. The
 * service's storage as the guest reaches it: every index holds raw bytes, which the service API
 * encodes as JSON, strings or bytes. {@code kind} names the index type ({@code entry}, {@code
 * proofEntry}, {@code map}, {@code proofMap}, {@code list}, {@code proofList}, {@code keySet}), so
 * opening one name as two types fails the same way it does for Java services.
 */
public final class StorageBridge {
  /** The most elements one page of keys, entries or values returns. */
  static final int MAX_PAGE = 1000;

  private static final Serializer<byte[]> RAW = Serializers.bytes();

  private final CallSlot slot;
  private final @Nullable Function<CallSession, IndexAccess> space;

  /**
   * A bridge to the data {@code space} picks from the current call (one of a migration's), or, with
   * {@code null}, to the service's own data, whose indexes a call opens once (see {@link
   * CallSession#serviceIndex}).
   */
  private StorageBridge(CallSlot slot, @Nullable Function<CallSession, IndexAccess> space) {
    this.slot = slot;
    this.space = space;
  }

  /** A bridge to the service's own data. */
  static StorageBridge service(CallSlot slot) {
    return new StorageBridge(slot, null);
  }

  /** A bridge to data {@code space} picks from the current call: one of a migration's. */
  static StorageBridge of(CallSlot slot, Function<CallSession, IndexAccess> space) {
    return new StorageBridge(slot, space);
  }

  @HostAccess.Export
  public @Nullable Object entryGet(String kind, String name, String codec) {
    return run(() -> GuestValues.read(entry(kind, name).get().orElse(null), codec));
  }

  @HostAccess.Export
  public boolean entryExists(String kind, String name) {
    return run(() -> entry(kind, name).isPresent());
  }

  @HostAccess.Export
  public void entrySet(String kind, String name, Value value) {
    byte[] v = GuestValues.value(value);
    run(() -> {
      entry(kind, name).set(v);
      return null;
    });
  }

  @HostAccess.Export
  public void entryRemove(String kind, String name) {
    run(() -> {
      entry(kind, name).remove();
      return null;
    });
  }

  @HostAccess.Export
  public String hash(String kind, String name) {
    return run(() -> {
      HasObjectHash index =
          switch (kind) {
            case "proofEntry" -> (HasObjectHash) entry(kind, name);
            case "proofMap" -> (HasObjectHash) map(kind, name);
            case "proofList" -> (HasObjectHash) list(kind, name);
            default -> throw new GuestMisuseException("A " + kind + " has no hash");
          };
      return index.objectHash().toHex();
    });
  }

  @HostAccess.Export
  public @Nullable Object mapGet(String kind, String name, Value key, String codec) {
    byte[] k = GuestValues.key(key);
    return run(() -> GuestValues.read(map(kind, name).get(k).orElse(null), codec));
  }

  @HostAccess.Export
  public boolean mapHas(String kind, String name, Value key) {
    byte[] k = GuestValues.key(key);
    return run(() -> map(kind, name).containsKey(k));
  }

  @HostAccess.Export
  public void mapPut(String kind, String name, Value key, Value value) {
    byte[] k = GuestValues.key(key);
    byte[] v = GuestValues.value(value);
    run(() -> {
      map(kind, name).put(k, v);
      return null;
    });
  }

  @HostAccess.Export
  public void mapRemove(String kind, String name, Value key) {
    byte[] k = GuestValues.key(key);
    run(() -> {
      map(kind, name).remove(k);
      return null;
    });
  }

  @HostAccess.Export
  public void clear(String kind, String name) {
    run(() -> {
      switch (kind) {
        case "map", "proofMap" -> map(kind, name).clear();
        case "list", "proofList" -> list(kind, name).clear();
        case "keySet" -> keySet(name).clear();
        default -> throw new GuestMisuseException("Cannot clear a " + kind);
      }
      return null;
    });
  }

  @HostAccess.Export
  public ProxyArray mapKeys(
      String kind, String name, @Nullable Value from, int limit, boolean keyBytes) {
    return run(() -> {
      MapIndex<byte[], byte[]> map = map(kind, name);
      byte[] start = start(from);
      Iterator<Map.Entry<byte[], byte[]>> it =
          start == null ? map.entries() : map.entriesFrom(start);
      List<Object> out = new ArrayList<>();
      for (int i = 0, n = pageSize(limit); i < n && it.hasNext(); i++) {
        out.add(GuestValues.toGuest(it.next().getKey(), keyBytes));
      }
      return ProxyArray.fromList(out);
    });
  }

  @HostAccess.Export
  public ProxyArray mapEntries(
      String kind,
      String name,
      @Nullable Value from,
      int limit,
      boolean keyBytes,
      boolean valueBytes) {
    return run(() -> {
      MapIndex<byte[], byte[]> map = map(kind, name);
      byte[] start = start(from);
      Iterator<Map.Entry<byte[], byte[]>> it =
          start == null ? map.entries() : map.entriesFrom(start);
      List<Object> out = new ArrayList<>();
      for (int i = 0, n = pageSize(limit); i < n && it.hasNext(); i++) {
        Map.Entry<byte[], byte[]> e = it.next();
        out.add(GuestValues.toGuest(e.getKey(), keyBytes));
        out.add(GuestValues.toGuest(e.getValue(), valueBytes));
      }
      return ProxyArray.fromList(out);
    });
  }

  @HostAccess.Export
  public long listSize(String kind, String name) {
    return run(() -> list(kind, name).size());
  }

  @HostAccess.Export
  public @Nullable Object listGet(String kind, String name, long index, String codec) {
    return run(() -> GuestValues.read(list(kind, name).get(index).orElse(null), codec));
  }

  @HostAccess.Export
  public void listPush(String kind, String name, Value value) {
    byte[] v = GuestValues.value(value);
    run(() -> {
      list(kind, name).add(v);
      return null;
    });
  }

  @HostAccess.Export
  public void listSet(String kind, String name, long index, Value value) {
    byte[] v = GuestValues.value(value);
    run(() -> {
      list(kind, name).set(index, v);
      return null;
    });
  }

  @HostAccess.Export
  public @Nullable Object listPop(String kind, String name, String codec) {
    return run(() -> GuestValues.read(list(kind, name).removeLast().orElse(null), codec));
  }

  @HostAccess.Export
  public void listTruncate(String kind, String name, long size) {
    run(() -> {
      list(kind, name).truncate(size);
      return null;
    });
  }

  @HostAccess.Export
  public ProxyArray listValues(String kind, String name, long from, int limit, boolean bytes) {
    return run(() -> {
      if (from < 0) {
        throw new GuestMisuseException("A list position is not negative, got " + from);
      }
      Iterator<byte[]> it = list(kind, name).iterator(from);
      List<Object> out = new ArrayList<>();
      for (int i = 0, n = pageSize(limit); i < n && it.hasNext(); i++) {
        out.add(GuestValues.toGuest(it.next(), bytes));
      }
      return ProxyArray.fromList(out);
    });
  }

  @HostAccess.Export
  public boolean setHas(String name, Value key) {
    byte[] k = GuestValues.key(key);
    return run(() -> keySet(name).contains(k));
  }

  @HostAccess.Export
  public void setAdd(String name, Value key) {
    byte[] k = GuestValues.key(key);
    run(() -> {
      keySet(name).add(k);
      return null;
    });
  }

  @HostAccess.Export
  public void setRemove(String name, Value key) {
    byte[] k = GuestValues.key(key);
    run(() -> {
      keySet(name).remove(k);
      return null;
    });
  }

  @HostAccess.Export
  public ProxyArray setKeys(String name, @Nullable Value from, int limit, boolean bytes) {
    return run(() -> {
      KeySetIndex<byte[]> set = keySet(name);
      byte[] start = start(from);
      Iterator<byte[]> it = start == null ? set.iterator() : set.iteratorFrom(start);
      List<Object> out = new ArrayList<>();
      for (int i = 0, n = pageSize(limit); i < n && it.hasNext(); i++) {
        out.add(GuestValues.toGuest(it.next(), bytes));
      }
      return ProxyArray.fromList(out);
    });
  }

  private <T> T run(Supplier<T> operation) {
    return slot.get().guard(operation);
  }

  /** Index {@code name} opened as {@code kind} by {@code open}; kept for the call if it may be. */
  private Object index(String kind, String name, Function<IndexAccess, ?> open) {
    CallSession session = slot.get();
    if (space == null) {
      return session.serviceIndex(kind, name, open);
    }
    return open.apply(space.apply(session));
  }

  @SuppressWarnings("unchecked") // what "entry" and "proofEntry" open
  private Entry<byte[]> entry(String kind, String name) {
    return (Entry<byte[]>)
        switch (kind) {
          case "entry" -> index(kind, name, d -> d.entry(name, RAW));
          case "proofEntry" -> index(kind, name, d -> d.proofEntry(name, RAW));
          default -> throw new GuestMisuseException("Not an entry type: " + kind);
        };
  }

  @SuppressWarnings("unchecked") // what "map" and "proofMap" open
  private MapIndex<byte[], byte[]> map(String kind, String name) {
    return (MapIndex<byte[], byte[]>)
        switch (kind) {
          case "map" -> index(kind, name, d -> d.map(name, RAW, RAW));
          case "proofMap" -> index(kind, name, d -> d.proofMap(name, RAW, RAW));
          default -> throw new GuestMisuseException("Not a map type: " + kind);
        };
  }

  @SuppressWarnings("unchecked") // what "list" and "proofList" open
  private ListIndex<byte[]> list(String kind, String name) {
    return (ListIndex<byte[]>)
        switch (kind) {
          case "list" -> index(kind, name, d -> d.list(name, RAW));
          case "proofList" -> index(kind, name, d -> d.proofList(name, RAW));
          default -> throw new GuestMisuseException("Not a list type: " + kind);
        };
  }

  @SuppressWarnings("unchecked") // what "keySet" opens
  private KeySetIndex<byte[]> keySet(String name) {
    return (KeySetIndex<byte[]>) index("keySet", name, d -> d.keySet(name, RAW));
  }

  private static byte @Nullable [] start(@Nullable Value from) {
    return from == null || from.isNull() ? null : GuestValues.key(from);
  }

  private static int pageSize(int limit) {
    if (limit < 0 || limit > MAX_PAGE) {
      throw new GuestMisuseException("A page holds 0 to " + MAX_PAGE + " elements, asked " + limit);
    }
    return limit;
  }
}
