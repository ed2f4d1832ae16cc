package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

/** The object hash of a proof entry is H(0x00 || stored bytes), or zero when empty. */
class ProofEntryViewTest {
  @Test
  void objectHashIsTheTaggedValueHash() throws NoSuchAlgorithmException {
    MemoryRawIndex raw = new MemoryRawIndex("svc.config", IndexType.PROOF_ENTRY);
    ProofEntryView<String> entry = new ProofEntryView<>(raw, Serializers.string());
    assertThat(entry.objectHash()).isEqualTo(Hash.zero());

    entry.set("abc");
    // Computed independently of Hashing: SHA-256 over the tag byte and the UTF-8 bytes.
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(new byte[] {0x00, 'a', 'b', 'c'});
    assertThat(entry.objectHash()).isEqualTo(Hash.of(expected));
    assertThat(ProofEntryView.objectHashOf(raw)).isEqualTo(Hash.of(expected));

    entry.remove();
    assertThat(ProofEntryView.objectHashOf(raw)).isEqualTo(Hash.zero());
  }

  @Test
  void anEmptyValueIsPresentAndHashed() throws NoSuchAlgorithmException {
    ProofEntryView<String> entry =
        new ProofEntryView<>(new MemoryRawIndex("e", IndexType.PROOF_ENTRY), Serializers.string());
    entry.set("");
    assertThat(entry.get()).contains("");
    assertThat(entry.objectHash())
        .isEqualTo(Hash.of(MessageDigest.getInstance("SHA-256").digest(new byte[] {0x00})));
  }
}
