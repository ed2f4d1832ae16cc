package io.polyhost.api.storage;

import io.polyhost.api.crypto.Hash;

/** A Merkelized index: its whole content is summarised by one hash. */
public interface HasObjectHash {
  /** The hash of the whole index content; the value that enters the state hash. */
  Hash objectHash();
}
