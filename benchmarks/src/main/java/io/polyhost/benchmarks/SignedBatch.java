package io.polyhost.benchmarks;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Ed25519;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.crypto.Signature;
import io.polyhost.api.crypto.VerifyingKeys;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.proto.SignedMessageProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Distinct signed transactions (16 authors, 64 random argument bytes), both serialized for the pool
 * and taken apart into key, payload and signature for a raw verify.
 */
final class SignedBatch {
  final List<byte[]> messages;
  private final PublicKey[] authors;
  private final byte[][] payloads;
  private final Signature[] signatures;

  SignedBatch(int size, long seed) {
    Random random = new Random(seed);
    List<KeyPair> keys = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      byte[] keySeed = new byte[32];
      random.nextBytes(keySeed);
      keys.add(KeyPair.fromSeed(keySeed));
    }
    messages = new ArrayList<>(size);
    authors = new PublicKey[size];
    payloads = new byte[size][];
    signatures = new Signature[size];
    for (int i = 0; i < size; i++) {
      byte[] arguments = new byte[64];
      random.nextBytes(arguments);
      AnyTxProto call =
          AnyTxProto.newBuilder()
              .setCallInfo(CallInfoProto.newBuilder().setInstanceId(1 + i % 4).setMethodId(0))
              .setArguments(ByteString.copyFrom(arguments))
              .build();
      byte[] bytes = SignedMessage.sign(keys.get(i % keys.size()), call).bytes();
      SignedMessageProto proto;
      try {
        proto = SignedMessageProto.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("A message just signed does not parse", e);
      }
      messages.add(bytes);
      authors[i] = PublicKey.fromProto(proto.getAuthor());
      payloads[i] = proto.getPayload().toByteArray();
      signatures[i] = Signature.fromProto(proto.getSignature());
    }
  }

  int size() {
    return messages.size();
  }

  /**
   * The verify of transaction {@code i} with the decoded keys that {@code keys} keeps (the pool's).
   */
  boolean keptKeysVerify(VerifyingKeys keys, int i) {
    return keys.verify(authors[i], payloads[i], signatures[i]);
  }

  /** Bouncy Castle's verify of transaction {@code i}, with nothing of the pool around it. */
  boolean rawVerify(int i) {
    return Ed25519.verify(authors[i], payloads[i], signatures[i]);
  }
}
