package org.example.polyhost.timestamping;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import org.example.polyhost.timestamping.proto.TimestampEntry;

/** Where the service keeps its data: a proof map from content hash to its timestamp. */
final class TimestampingSchema {
  /** The map's name within the service. */
  static final String TIMESTAMPS = "timestamps";

  /** Entries in their protobuf form. */
  static final Serializer<TimestampEntry> ENTRIES = Serializers.protobuf(TimestampEntry.parser());

  private TimestampingSchema() {}

  /** The timestamps, writable if {@code data} is. */
  static ProofMapIndex<Hash, TimestampEntry> timestamps(IndexAccess data) {
    // Content hashes are 32 bytes and already uniformly spread: they serve as trie paths as they
    // are, without hashing them again.
    return data.rawProofMap(TIMESTAMPS, Serializers.hash(), ENTRIES);
  }
}
