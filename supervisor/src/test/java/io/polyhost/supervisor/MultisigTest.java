package io.polyhost.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.HashProto;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.index.IndexViews;
import io.polyhost.supervisor.proto.Voters;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Votes are stored as one sorted set per subject, whatever order they arrive in. */
class MultisigTest {
  @TempDir Path dir;

  @Test
  void votes_are_kept_sorted_and_counted_once() {
    try (RocksDbDatabase db = RocksDbDatabase.open(dir);
        Fork fork = db.fork()) {
      var map =
          IndexViews.over(fork)
              .proofMap(
                  "votes",
                  Serializers.protobuf(HashProto.parser()),
                  Serializers.protobuf(Voters.parser()));
      Multisig<HashProto> votes = new Multisig<>(map);
      HashProto subject = io.polyhost.api.crypto.Hash.sha256(new byte[] {1}).toProto();
      List<PublicKey> keys = List.of(key(3), key(1), key(2)).stream().sorted().toList();
      votes.confirm(subject, keys.get(2));
      votes.confirm(subject, keys.get(0));
      votes.confirm(subject, keys.get(2));
      votes.confirm(subject, keys.get(1));
      assertThat(votes.voters(subject)).containsExactlyElementsOf(keys);
      assertThat(map.get(subject).orElseThrow().getKeysList())
          .containsExactlyElementsOf(keys.stream().map(PublicKey::toProto).toList());
      assertThat(votes.countAmong(subject, List.of(keys.get(0), key(9)))).isEqualTo(1);
      assertThat(votes.confirmedByAll(subject, keys)).isTrue();
      assertThat(votes.confirmedByAll(subject, List.of(key(9)))).isFalse();
      assertThat(votes.confirmedBy(subject, key(9))).isFalse();
    }
  }

  @Test
  void the_quorum_is_more_than_two_thirds_in_decentralized_mode_and_one_in_simple_mode() {
    assertThat(Validators.quorum(io.polyhost.supervisor.proto.SupervisorMode.SIMPLE, 12))
        .isEqualTo(1);
    int[][] expected = {{1, 1}, {2, 2}, {3, 3}, {4, 3}, {5, 4}, {7, 5}, {12, 9}, {100, 67}};
    for (int[] row : expected) {
      assertThat(
              Validators.quorum(io.polyhost.supervisor.proto.SupervisorMode.DECENTRALIZED, row[0]))
          .as("validators=%d", row[0])
          .isEqualTo(row[1]);
    }
  }

  private static PublicKey key(int seed) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) seed;
    return KeyPair.fromSeed(bytes).publicKey();
  }
}
