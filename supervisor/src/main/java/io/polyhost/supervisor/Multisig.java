package io.polyhost.supervisor;

import com.google.protobuf.MessageLite;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.supervisor.proto.Voters;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Votes of validators per subject (a request, a proposal hash): a proof map from the subject to the
 * sorted set of the voters' service keys.
 */
final class Multisig<K extends MessageLite> {
  private final ProofMapIndex<K, Voters> votes;

  Multisig(ProofMapIndex<K, Voters> votes) {
    this.votes = votes;
  }

  /** Records {@code voter}'s vote for {@code subject}; a repeated vote changes nothing. */
  void confirm(K subject, PublicKey voter) {
    Set<PublicKey> voters = voters(subject);
    if (voters.add(voter)) {
      Voters.Builder sorted = Voters.newBuilder();
      voters.forEach(key -> sorted.addKeys(key.toProto()));
      votes.put(subject, sorted.build());
    }
  }

  boolean confirmedBy(K subject, PublicKey voter) {
    return voters(subject).contains(voter);
  }

  /** How many of {@code validators} voted for {@code subject}. */
  int countAmong(K subject, Collection<PublicKey> validators) {
    Set<PublicKey> voters = voters(subject);
    return (int) validators.stream().filter(voters::contains).count();
  }

  /** Whether every one of {@code validators} voted for {@code subject}. */
  boolean confirmedByAll(K subject, Collection<PublicKey> validators) {
    return voters(subject).containsAll(validators);
  }

  /** The voters for {@code subject}, sorted by key bytes. */
  TreeSet<PublicKey> voters(K subject) {
    TreeSet<PublicKey> voters = new TreeSet<>();
    votes
        .get(subject)
        .ifPresent(v -> v.getKeysList().forEach(key -> voters.add(PublicKey.fromProto(key))));
    return voters;
  }
}
