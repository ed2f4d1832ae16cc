package io.polyhost.api.storage;

/**
 * An {@link Entry} whose hash enters the state hash: the value hash, or the zero hash when empty.
 *
 * @param <V> the value type
 */
public interface ProofEntry<V> extends Entry<V>, HasObjectHash {}
