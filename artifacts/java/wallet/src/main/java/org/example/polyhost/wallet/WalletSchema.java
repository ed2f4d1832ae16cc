package org.example.polyhost.wallet;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import org.example.polyhost.wallet.proto.Wallet;

/**
 * Where the wallet keeps its data: one proof map from owner key to wallet. A proof map enters the
 * block's state hash, which is what lets a read endpoint prove a balance.
 */
final class WalletSchema {
  /**
   * The map's name within the service; the node's full name for it is {@code <instance>.wallets}.
   */
  static final String WALLETS = "wallets";

  /** Public keys as their 32 bytes. */
  static final Serializer<PublicKey> KEYS =
      new Serializer<>() {
        @Override
        public byte[] encode(PublicKey key) {
          return key.toBytes();
        }

        @Override
        public PublicKey decode(byte[] bytes) {
          return PublicKey.of(bytes);
        }
      };

  /** Wallet records in their protobuf form. */
  static final Serializer<Wallet> WALLET_RECORDS = Serializers.protobuf(Wallet.parser());

  private WalletSchema() {}

  /** The wallets, writable if {@code data} is. */
  static ProofMapIndex<PublicKey, Wallet> wallets(IndexAccess data) {
    // Keys are 32 bytes already, so they serve as trie paths as they are (no hashing), and the map
    // iterates in key order.
    return data.rawProofMap(WALLETS, KEYS, WALLET_RECORDS);
  }
}
