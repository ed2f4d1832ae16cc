package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.RawIndex;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The state blob of a proof map: the key mode it was written with (once known), whether pending
 * marks wait to be applied, and the root as of the last applied change. Encoded as {@code 0x01 ||
 * flags || [enc(rootPath) || rootHash]}: the low bits of {@code flags} are the mode (1 for hashed
 * keys, 2 for raw keys, 0 if not recorded yet), bit 7 says pending marks exist; the root part is
 * absent for an empty map.
 *
 * <p>The pending bit spares every reader a seek into the pending region when it is empty. Only
 * indexes that keep no notes (see {@link PendingChanges}) still write marks there, but a database
 * written before forks kept notes has the deletion markers of a batch's worth of marks per merge in
 * that region, which a seek would have to step over until the next compaction.
 *
 * @param mode the recorded key mode, or {@code null} if none was recorded yet
 * @param root the root node, or {@code null} for an empty trie
 * @param pending whether pending marks may exist
 */
record TrieState(@Nullable MapKeyMode mode, @Nullable NodeRef root, boolean pending) {
  private static final int PENDING_BIT = 0x80;
  private static final byte FORMAT = 1;
  private static final byte UNKNOWN_KEYS = 0;
  private static final byte HASHED_KEYS = 1;
  private static final byte RAW_KEYS = 2;

  static TrieState read(RawIndex raw) {
    byte[] blob = raw.state();
    if (blob == null) {
      return new TrieState(null, null, false);
    }
    int modeCode = blob.length < 2 ? -1 : blob[1] & 0x7f;
    if (blob.length < 2 || blob[0] != FORMAT || modeCode < 0 || modeCode > RAW_KEYS) {
      throw corrupt(raw, "unknown state format");
    }
    boolean pending = (blob[1] & PENDING_BIT) != 0;
    MapKeyMode mode =
        switch (modeCode) {
          case HASHED_KEYS -> MapKeyMode.HASHED;
          case RAW_KEYS -> MapKeyMode.RAW;
          default -> null;
        };
    if (blob.length == 2) {
      return new TrieState(mode, null, pending);
    }
    try {
      ProofPath path = ProofPath.decode(Arrays.copyOfRange(blob, 2, blob.length - Hash.SIZE));
      Hash hash = Hash.of(Arrays.copyOfRange(blob, blob.length - Hash.SIZE, blob.length));
      return new TrieState(mode, new NodeRef(path, hash), pending);
    } catch (IllegalArgumentException e) {
      throw corrupt(raw, e.getMessage());
    }
  }

  void write(RawIndex raw) {
    NodeRef r = root;
    byte[] blob = new byte[2 + (r == null ? 0 : r.path().encodedLength() + Hash.SIZE)];
    blob[0] = FORMAT;
    int modeCode = mode == null ? UNKNOWN_KEYS : mode == MapKeyMode.HASHED ? HASHED_KEYS : RAW_KEYS;
    blob[1] = (byte) (pending ? modeCode | PENDING_BIT : modeCode);
    if (r != null) {
      r.hash().copyTo(blob, r.path().writeTo(blob, 2));
    }
    raw.setState(blob);
  }

  /** Records, if not yet recorded, that pending marks exist. */
  static void markPending(RawIndex raw) {
    // Called on every write: look at the flag byte alone when it is set, without decoding the root.
    byte[] blob = raw.state();
    if (blob != null && blob.length >= 2 && blob[0] == FORMAT && (blob[1] & PENDING_BIT) != 0) {
      return;
    }
    TrieState state = read(raw);
    if (!state.pending) {
      new TrieState(state.mode, state.root, true).write(raw);
    }
  }

  /** The trie root hash: zero when empty, the single-entry form for one leaf, else the branch. */
  Hash rootHash() {
    NodeRef r = root;
    if (r == null) {
      return Hash.zero();
    }
    return r.isLeaf() ? Hashing.mapSingleEntry(r.path(), r.hash()) : r.hash();
  }

  private static StorageException corrupt(RawIndex raw, @Nullable String why) {
    return new StorageException("Corrupt state of proof map '" + raw.address() + "': " + why);
  }
}
