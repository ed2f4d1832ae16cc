package org.example.polyhost.counter;

import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import org.example.polyhost.counter.proto.Counter;

/**
 * The counter's data in both layouts: the proof map {@value #COUNTERS} from name to a {@link
 * Counter} record since 2.0.0, and from name to a bare number in 1.0.0, which the migration reads.
 */
final class CounterSchema {
  /** The map's name, the same in both versions: the migrated map replaces the old one. */
  static final String COUNTERS = "counters";

  /** Counter records in their protobuf form. */
  static final Serializer<Counter> RECORDS = Serializers.protobuf(Counter.parser());

  private CounterSchema() {}

  /** The counters as 2.0.0 stores them. */
  static ProofMapIndex<String, Counter> counters(IndexAccess data) {
    return data.proofMap(COUNTERS, Serializers.string(), RECORDS);
  }

  /** The counters as 1.0.0 stored them: name to value. */
  static ProofMapIndex<String, Long> countersOfVersion1(IndexAccess data) {
    return data.proofMap(COUNTERS, Serializers.string(), Serializers.int64());
  }
}
