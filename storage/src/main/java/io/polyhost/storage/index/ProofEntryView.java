package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.Serializer;
import io.polyhost.storage.RawIndex;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ProofEntry} over a raw index of type {@link IndexType#PROOF_ENTRY}: stored like an
 * {@link EntryView}, with the value hash of the stored bytes as its object hash.
 *
 * <p>The hash is computed on demand from the stored bytes, never cached, so it cannot go stale when
 * another view writes the same index.
 *
 * @param <V> the value type
 */
public final class ProofEntryView<V> implements ProofEntry<V> {
  private final RawIndex raw;
  private final SingleValue<V> value;

  /**
   * A view of {@code raw}, encoding values with {@code values}.
   *
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not a proof entry
   */
  public ProofEntryView(RawIndex raw, Serializer<V> values) {
    this.raw = ViewChecks.requireType(raw, IndexType.PROOF_ENTRY);
    this.value = new SingleValue<>(raw, values);
  }

  /**
   * The object hash of the proof entry in {@code raw}, without a serializer: what the database
   * aggregates into the state hash.
   *
   * @return {@link Hashing#value} of the stored bytes, or the zero hash when no value is set
   * @throws io.polyhost.api.storage.IndexTypeMismatchException if {@code raw} is not a proof entry
   */
  public static Hash objectHashOf(RawIndex raw) {
    byte @Nullable [] bytes = SingleValue.bytes(ViewChecks.requireType(raw, IndexType.PROOF_ENTRY));
    return bytes == null ? Hash.zero() : Hashing.value(bytes);
  }

  @Override
  public Hash objectHash() {
    return objectHashOf(raw);
  }

  @Override
  public Optional<V> get() {
    return value.get();
  }

  @Override
  public boolean isPresent() {
    return value.isPresent();
  }

  @Override
  public void set(V value) {
    this.value.set(value);
  }

  @Override
  public void remove() {
    value.remove();
  }
}
