package io.polyhost.host.config;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.ArtifactSpecProto;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.api.proto.InstanceInitParamsProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import io.polyhost.supervisor.Supervisor;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The genesis configuration as a JSON file (the protobuf JSON mapping of {@code
 * GenesisConfigProto}), so an operator can read and review what the chain starts from.
 */
public final class GenesisFile {
  /** Exonum's default block limit. */
  static final int TXS_BLOCK_LIMIT = 1000;

  /** Exonum's default message limit: 1 MiB. */
  static final int MAX_MESSAGE_LEN = 1 << 20;

  private GenesisFile() {}

  /**
   * A genesis with one validator holding these keys, Exonum's default consensus limits (1,000
   * transactions per block, 1 MiB messages, 10–200 ms propose timeouts) and the supervisor in
   * simple mode.
   */
  public static GenesisConfigProto singleValidator(PublicKey consensusKey, PublicKey serviceKey) {
    return forValidators(List.of(consensusKey), List.of(serviceKey));
  }

  /**
   * A genesis with these validators (consensus and service keys by validator index) and the same
   * defaults as {@link #singleValidator}.
   *
   * @throws IllegalArgumentException if the lists are empty or of different lengths
   */
  public static GenesisConfigProto forValidators(
      List<PublicKey> consensusKeys, List<PublicKey> serviceKeys) {
    if (consensusKeys.isEmpty() || consensusKeys.size() != serviceKeys.size()) {
      throw new IllegalArgumentException(
          "Give one service key per consensus key, at least one of each; got "
              + consensusKeys.size()
              + " and "
              + serviceKeys.size());
    }
    ConsensusConfigProto.Builder builder = ConsensusConfigProto.newBuilder();
    for (int i = 0; i < consensusKeys.size(); i++) {
      builder.addValidatorKeys(
          ValidatorKeysProto.newBuilder()
              .setConsensusKey(consensusKeys.get(i).toProto())
              .setServiceKey(serviceKeys.get(i).toProto()));
    }
    ConsensusConfigProto consensus =
        builder
            .setTxsBlockLimit(TXS_BLOCK_LIMIT)
            .setMaxMessageLen(MAX_MESSAGE_LEN)
            .setMinProposeTimeout(10)
            .setMaxProposeTimeout(200)
            .setProposeTimeoutThreshold(500)
            .build();
    return withSupervisor(
        GenesisConfigProto.newBuilder().setConsensusConfig(consensus).build(),
        SupervisorMode.SIMPLE);
  }

  /**
   * {@code genesis} with the builtin supervisor (instance 0) in {@code mode}, replacing any
   * supervisor it had.
   */
  public static GenesisConfigProto withSupervisor(GenesisConfigProto genesis, SupervisorMode mode) {
    GenesisConfigProto.Builder builder =
        genesis.toBuilder().clearArtifacts().clearBuiltinInstances();
    genesis.getArtifactsList().stream()
        .filter(a -> !a.getArtifact().equals(Supervisor.ARTIFACT.toProto()))
        .forEach(builder::addArtifacts);
    builder.addArtifacts(ArtifactSpecProto.newBuilder().setArtifact(Supervisor.ARTIFACT.toProto()));
    builder.addBuiltinInstances(
        InstanceInitParamsProto.newBuilder()
            .setInstanceSpec(Supervisor.SPEC.toProto())
            .setConstructor(ByteString.copyFrom(Supervisor.config(mode))));
    genesis.getBuiltinInstancesList().stream()
        .filter(i -> i.getInstanceSpec().getId() != Supervisor.INSTANCE_ID)
        .forEach(builder::addBuiltinInstances);
    return builder.build();
  }

  /**
   * Reads the genesis configuration in {@code file}.
   *
   * @throws IllegalArgumentException if the file is not a genesis configuration in JSON
   * @throws UncheckedIOException if it cannot be read
   */
  public static GenesisConfigProto read(Path file) {
    try {
      GenesisConfigProto.Builder genesis = GenesisConfigProto.newBuilder();
      JsonFormat.parser().merge(Files.readString(file, StandardCharsets.UTF_8), genesis);
      return genesis.build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "The genesis file " + file + " is not a genesis configuration: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the genesis file " + file, e);
    }
  }

  /**
   * Writes {@code genesis} to {@code file}, replacing it; the file appears complete or not at all.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public static void write(Path file, GenesisConfigProto genesis) {
    try {
      Path dir = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent());
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".genesis", ".tmp");
      try {
        Files.writeString(temp, JsonFormat.printer().print(genesis) + "\n");
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the genesis file " + file, e);
    }
  }
}
