package io.polyhost.host.config;

import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.GenesisConfigProto;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A validator's data folder: its key pairs, its genesis configuration and its database.
 *
 * <pre>
 * keys/consensus.key   signs blocks (0600)
 * keys/service.key     signs this node's service transactions (0600)
 * genesis.json         what the chain started from
 * db/                  the RocksDB database
 * </pre>
 *
 * <p>The first start creates the keys and a one-validator genesis; later starts reuse them, so a
 * restarted node keeps signing as the same validator of the same chain.
 *
 * @param dir the data folder
 * @param consensusKeys the validator's consensus key pair
 * @param serviceKeys the validator's service key pair
 * @param genesis the genesis configuration
 */
public record NodeHome(
    Path dir, KeyPair consensusKeys, KeyPair serviceKeys, GenesisConfigProto genesis) {

  /** The database folder inside {@code dir}. */
  public Path databaseDir() {
    return databaseDir(dir);
  }

  /** The database folder inside {@code dataDir}. */
  public static Path databaseDir(Path dataDir) {
    return dataDir.resolve("db");
  }

  /** The consensus key file inside {@code dataDir}. */
  public static Path consensusKeyFile(Path dataDir) {
    return dataDir.resolve("keys").resolve("consensus.key");
  }

  /** The service key file inside {@code dataDir}. */
  public static Path serviceKeyFile(Path dataDir) {
    return dataDir.resolve("keys").resolve("service.key");
  }

  /** The genesis file inside {@code dataDir}. */
  public static Path genesisFile(Path dataDir) {
    return dataDir.resolve("genesis.json");
  }

  /**
   * Opens the data folder {@code dataDir}, creating what is missing: the key pairs, then a
   * one-validator genesis with this node's keys.
   *
   * @throws IllegalArgumentException if a key file or the genesis file is unusable, or the genesis
   *     names other validators than this node's consensus key
   * @throws java.io.UncheckedIOException if a file cannot be read or written
   */
  public static NodeHome openOrCreate(Path dataDir) {
    KeyPair consensus = KeyFiles.loadOrCreate(consensusKeyFile(dataDir));
    KeyPair service = KeyFiles.loadOrCreate(serviceKeyFile(dataDir));
    Path genesisFile = genesisFile(dataDir);
    GenesisConfigProto genesis;
    if (Files.exists(genesisFile)) {
      genesis = GenesisFile.read(genesisFile);
    } else {
      genesis = GenesisFile.singleValidator(consensus.publicKey(), service.publicKey());
      GenesisFile.write(genesisFile, genesis);
    }
    requireValidator(dataDir, genesis, consensus.publicKey());
    return new NodeHome(dataDir, consensus, service, genesis);
  }

  private static void requireValidator(Path dataDir, GenesisConfigProto genesis, PublicKey key) {
    var validators = genesis.getConsensusConfig().getValidatorKeysList();
    boolean listed =
        validators.stream().anyMatch(v -> PublicKey.fromProto(v.getConsensusKey()).equals(key));
    if (listed && validators.size() > 1) {
      throw new IllegalArgumentException(
          "The genesis file "
              + genesisFile(dataDir)
              + " names "
              + validators.size()
              + " validators; this version runs single-validator chains only (consensus among"
              + " several validators is not built yet). Generate a folder with"
              + " 'generate-config --validators 1'");
    }
    if (validators.size() != 1 || !listed) {
      throw new IllegalArgumentException(
          "The genesis file "
              + genesisFile(dataDir)
              + " must name exactly one validator, this node's consensus key "
              + key
              + " (from "
              + consensusKeyFile(dataDir)
              + "); it names "
              + validators.size()
              + ". Remove the data folder to start a new chain, or restore the matching key file");
    }
  }
}
