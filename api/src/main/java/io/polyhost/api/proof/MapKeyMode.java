package io.polyhost.api.proof;

/**
 * How a map turns a serialized key into the 256-bit path of its leaf.
 *
 * <p>A map uses one mode for its whole life; a proof is verified with the mode of the map it came
 * from. The mode also fixes the iteration order of the map: the order of the paths.
 */
public enum MapKeyMode {
  /**
   * The path is the SHA-256 hash of the key. Keys of any length; leaves spread evenly, so the trie
   * stays shallow whatever the keys; iteration follows the hashes, not the keys.
   */
  HASHED {
    @Override
    public ProofPath pathOf(byte[] key) {
      return ProofPath.ofKey(Digests.sha256(key).toBytes());
    }
  },

  /**
   * The key is the path: it must be exactly 32 bytes (a hash, a public key). Iteration follows the
   * key bytes.
   */
  RAW {
    @Override
    public ProofPath pathOf(byte[] key) {
      if (key.length != ProofPath.KEY_SIZE) {
        throw new IllegalArgumentException(
            "A key of a raw-key proof map must be exactly "
                + ProofPath.KEY_SIZE
                + " bytes, got "
                + key.length
                + " bytes");
      }
      return ProofPath.ofKey(key);
    }
  };

  /**
   * The leaf path of a serialized key.
   *
   * @throws IllegalArgumentException in {@link #RAW} mode, if the key is not 32 bytes long
   */
  public abstract ProofPath pathOf(byte[] key);
}
