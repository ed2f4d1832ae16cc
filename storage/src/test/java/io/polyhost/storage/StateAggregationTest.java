package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.IndexProof;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.storage.Group;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.IndexViews;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StateAggregationTest extends WithDatabase {
  @Test
  void emptyDatabaseHasTheHashOfAnEmptyMap() {
    try (Snapshot s = db.snapshot()) {
      assertThat(s.stateHash()).isEqualTo(Hashing.map(Hash.zero()));
    }
  }

  @Test
  void everyMerkelizedIndexIsProvenInTheStateHash() {
    commit(ix -> {
      ix.proofList("svc.list", Serializers.string()).add("a");
      ix.proofMap("svc.map", Serializers.string(), Serializers.int64()).put("k", 7L);
      ix.rawProofMap("svc.raw", Serializers.hash(), Serializers.string())
          .put(Hash.sha256(new byte[] {1}), "v");
      ix.proofEntry("svc.entry", Serializers.string()).set("e");
    });
    try (Snapshot s = db.snapshot()) {
      IndexAccess read = IndexViews.over(s);
      Hash state = s.stateHash();
      assertThat(proven(s, "svc.list", state))
          .isEqualTo(read.proofList("svc.list", Serializers.string()).objectHash());
      assertThat(proven(s, "svc.map", state))
          .isEqualTo(
              read.proofMap("svc.map", Serializers.string(), Serializers.int64()).objectHash());
      assertThat(proven(s, "svc.raw", state))
          .isEqualTo(
              read.rawProofMap("svc.raw", Serializers.hash(), Serializers.string()).objectHash());
      assertThat(proven(s, "svc.entry", state))
          .isEqualTo(read.proofEntry("svc.entry", Serializers.string()).objectHash());
      assertThat(s.indexProof("svc.absent").verify(state)).isEmpty();
    }
  }

  @Test
  void plainAndGroupedIndexesDoNotEnterTheStateHash() {
    Hash before = stateHash();
    commit(ix -> {
      ix.map("svc.plain", Serializers.string(), Serializers.string()).put("a", "b");
      ix.list("svc.list", Serializers.string()).add("x");
      Group.of("svc.group", Serializers.string(), a -> ix.proofList(a, Serializers.string()))
          .get("member")
          .add("y");
    });
    assertThat(stateHash()).isEqualTo(before);
    try (Snapshot s = db.snapshot()) {
      assertThat(s.indexProof("svc.group").verify(s.stateHash())).isEmpty();
    }
  }

  @Test
  void stateHashDependsOnContentNotOnHowItWasWritten() {
    commit(ix -> {
      var map = ix.proofMap("svc.map", Serializers.string(), Serializers.string());
      map.put("a", "1");
      map.put("b", "2");
      ix.proofList("svc.list", Serializers.string()).add("x");
    });
    Hash direct = stateHash();
    db.close();
    db = RocksDbDatabase.open(dir.resolve("other"));
    commit(ix -> ix.proofMap("svc.map", Serializers.string(), Serializers.string()).put("b", "0"));
    commit(ix -> ix.proofList("svc.list", Serializers.string()).add("x"));
    commit(ix -> {
      var map = ix.proofMap("svc.map", Serializers.string(), Serializers.string());
      map.put("c", "3");
      map.put("a", "1");
      map.put("b", "2");
      map.remove("c");
    });
    assertThat(stateHash()).isEqualTo(direct);
  }

  @Test
  void forkStateHashEqualsThePatchHashAndFollowsLaterChanges() {
    commit(ix -> ix.proofEntry("svc.entry", Serializers.string()).set("kept"));
    try (Fork fork = db.fork()) {
      IndexAccess ix = IndexViews.over(fork);
      ix.proofMap("svc.map", Serializers.string(), Serializers.string()).put("a", "1");
      Hash first = fork.stateHash();
      ix.map("svc.plain", Serializers.string(), Serializers.string()).put("not", "aggregated");
      assertThat(fork.stateHash()).isEqualTo(first);
      ix.proofEntry("svc.entry", Serializers.string()).set("changed");
      Hash second = fork.stateHash();
      assertThat(second).isNotEqualTo(first);
      Patch patch = fork.intoPatch();
      assertThat(patch.stateHash()).isEqualTo(second);
      db.merge(patch);
    }
    assertThat(stateHash()).isEqualTo(fork2Hash());
  }

  private Hash fork2Hash() {
    try (Fork fork = db.fork()) {
      return fork.stateHash();
    }
  }

  @Test
  void rolledBackWritesLeaveNoTraceInTheStateHash() {
    commit(ix -> ix.proofEntry("svc.entry", Serializers.string()).set("kept"));
    Hash committed = stateHash();
    try (Fork fork = db.fork()) {
      IndexAccess ix = IndexViews.over(fork);
      ix.proofEntry("svc.entry", Serializers.string()).set("discarded");
      ix.proofList("svc.new", Serializers.string()).add("discarded");
      fork.rollback();
      Patch patch = fork.intoPatch();
      assertThat(patch.stateHash()).isEqualTo(committed);
      patch.close();
    }
  }

  @Test
  void patchStateHashIsWhatTheDatabaseHasAfterMerge() {
    Fork fork = db.fork();
    IndexViews.over(fork).proofList("svc.list", Serializers.int64()).add(1L);
    Patch patch = fork.intoPatch();
    Hash promised = patch.stateHash();
    db.merge(patch);
    patch.close();
    assertThat(stateHash()).isEqualTo(promised).isNotEqualTo(Hashing.map(Hash.zero()));
  }

  @Test
  void indexProofFromAnotherStateFailsVerification() {
    commit(ix -> ix.proofEntry("svc.entry", Serializers.string()).set("one"));
    IndexProof old;
    try (Snapshot s = db.snapshot()) {
      old = s.indexProof("svc.entry");
    }
    commit(ix -> ix.proofEntry("svc.entry", Serializers.string()).set("two"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> old.verify(stateHash()))
        .isInstanceOf(ProofVerificationException.class);
  }

  private static Hash proven(Snapshot s, String name, Hash state) {
    return s.indexProof(name).verify(state).orElseThrow();
  }

  private Hash stateHash() {
    try (Snapshot s = db.snapshot()) {
      return s.stateHash();
    }
  }

  private void commit(Consumer<IndexAccess> writes) {
    Fork fork = db.fork();
    writes.accept(IndexViews.over(fork));
    Patch patch = fork.intoPatch();
    db.merge(patch);
    patch.close();
  }
}
