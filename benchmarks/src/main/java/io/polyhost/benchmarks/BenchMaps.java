package io.polyhost.benchmarks;

import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;

/** The indexes under test: byte-array keys and values, so serialization costs only a copy. */
final class BenchMaps {
  private BenchMaps() {}

  private static final IndexAddress PROOF_MAP = IndexAddress.of("bench.proof_map");
  private static final IndexAddress MAP = IndexAddress.of("bench.map");

  /** The proof map with hashed keys (each key's path is its SHA-256), as services use it. */
  static ProofMapIndex<byte[], byte[]> proofMap(IndexAccess access) {
    return access.proofMap(PROOF_MAP, Serializers.bytes(), Serializers.bytes());
  }

  /** The plain map, Exonum's {@code storage/plain_map}. */
  static MapIndex<byte[], byte[]> map(IndexAccess access) {
    return access.map(MAP, Serializers.bytes(), Serializers.bytes());
  }
}
