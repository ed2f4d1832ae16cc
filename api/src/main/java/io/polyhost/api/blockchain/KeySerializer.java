package io.polyhost.api.blockchain;

import io.polyhost.api.storage.Serializer;

/** Stores a {@link CallInBlock} as its 5-byte key. */
enum KeySerializer implements Serializer<CallInBlock> {
  INSTANCE;

  @Override
  public byte[] encode(CallInBlock value) {
    return value.toKey();
  }

  @Override
  public CallInBlock decode(byte[] bytes) {
    return CallInBlock.fromKey(bytes);
  }
}
