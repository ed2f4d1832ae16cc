package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.ProofListIndex;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The whole state of a database the crash-safety test wrote, one line per element: every index of
 * {@link CrashPatches} read through its view, a digest of the raw RocksDB key space (which also
 * covers the index registry and anything the views do not show), and the state hash. Two databases
 * hold the same state exactly when their dumps are equal; the first differing line says where.
 */
final class StateDump {
  private StateDump() {}

  static List<String> of(RocksDbDatabase db) {
    List<String> out = new ArrayList<>();
    try (Snapshot snapshot = db.snapshot()) {
      out.add("last patch " + CrashPatches.marker(snapshot).get());
      dumpMap("map", CrashPatches.map(snapshot), out);
      dumpList("list", CrashPatches.list(snapshot), out);
      ProofListIndex<byte[]> history = CrashPatches.history(snapshot);
      out.add("history object hash " + history.objectHash());
      dumpList("history", history, out);
      for (long key : CrashPatches.keys(snapshot)) {
        out.add("key " + key);
      }
      ProofEntry<byte[]> note = CrashPatches.note(snapshot);
      out.add("note " + note.get().map(StateDump::describe) + ", object hash " + note.objectHash());
      for (int member = 0; member < CrashPatches.GROUP_MEMBERS; member++) {
        dumpMap("member " + member, CrashPatches.group(snapshot).get(member), out);
      }
      out.add(rawDigest(db));
      out.add("state hash " + snapshot.stateHash());
    }
    return out;
  }

  private static void dumpList(String name, ListIndex<byte[]> list, List<String> out) {
    out.add(name + " size " + list.size());
    long position = 0;
    for (byte[] element : list) {
      out.add(name + "[" + position++ + "] " + describe(element));
    }
  }

  private static <K> void dumpMap(String name, MapIndex<K, byte[]> map, List<String> out) {
    for (var it = map.entries(); it.hasNext(); ) {
      Map.Entry<K, byte[]> e = it.next();
      out.add(name + " " + e.getKey() + " = " + describe(e.getValue()));
    }
  }

  /** The raw key space after a checkpoint: proof map pages merged since are in memory before. */
  static String rawDigest(RocksDbDatabase db) {
    db.checkpointNow();
    MessageDigest digest = Hash.newDigest();
    long entries = 0;
    long bytes = 0;
    try (RocksIterator it = db.rocks().newIterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        byte[] value = it.value();
        digest.update(lengthOf(key));
        digest.update(key);
        digest.update(lengthOf(value));
        digest.update(value);
        entries++;
        bytes += key.length + value.length;
      }
      it.status();
    } catch (RocksDBException e) {
      throw new IllegalStateException("Scanning " + db.directory() + " failed", e);
    }
    return "raw key space: " + entries + " entries, " + bytes + " bytes, " + Hash.finish(digest);
  }

  private static String describe(byte[] value) {
    return value.length + " bytes " + Hash.sha256(value).toHex().substring(0, 16);
  }

  private static byte[] lengthOf(byte[] array) {
    int n = array.length;
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }
}
