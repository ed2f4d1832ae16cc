package io.polyhost.api.runtime;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.InstanceMigrationProto;
import io.polyhost.api.proto.InstanceStatusProto;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The status of a service instance: what it does and which transitions it allows.
 *
 * <table>
 *   <caption>What each status allows</caption>
 *   <tr><th>status</th><th>transactions and hooks</th><th>others read its data</th></tr>
 *   <tr><td>active</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>frozen</td><td>no</td><td>yes</td></tr>
 *   <tr><td>stopped</td><td>no</td><td>no</td></tr>
 *   <tr><td>migrating</td><td>no</td><td>yes (the old data)</td></tr>
 * </table>
 */
public sealed interface InstanceStatus {
  /** Processes transactions, hooks and reads. */
  InstanceStatus ACTIVE = new Active();

  /** Processes nothing; its data is kept but not readable by other services. */
  InstanceStatus STOPPED = new Stopped();

  /** Serves reads only. */
  InstanceStatus FROZEN = new Frozen();

  /** See {@link #ACTIVE}. */
  record Active() implements InstanceStatus {}

  /** See {@link #STOPPED}. */
  record Stopped() implements InstanceStatus {}

  /** See {@link #FROZEN}. */
  record Frozen() implements InstanceStatus {}

  /**
   * The data is being migrated to {@code endVersion} by the scripts of {@code target}; {@code
   * completedHash} is the agreed hash of the migrated data once the migration is committed.
   */
  record Migrating(ArtifactId target, Version endVersion, @Nullable Hash completedHash)
      implements InstanceStatus {
    /** Checks the parts. */
    public Migrating {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(endVersion, "endVersion");
    }

    /** A migration that is still running. */
    public static Migrating running(ArtifactId target, Version endVersion) {
      return new Migrating(target, endVersion, null);
    }

    /** The agreed hash, once committed. */
    public Optional<Hash> completed() {
      return Optional.ofNullable(completedHash);
    }

    /** This migration, committed with {@code hash}. */
    public Migrating commit(Hash hash) {
      return new Migrating(target, endVersion, hash);
    }
  }

  /**
   * Whether other services may read the data, and read endpoints stay up: active, frozen,
   * migrating.
   */
  default boolean providesReadAccess() {
    return !(this instanceof Stopped);
  }

  /** Whether the service can be resumed: stopped or frozen. */
  default boolean canBeResumed() {
    return this instanceof Stopped || this instanceof Frozen;
  }

  /** Whether the service can be stopped: active or frozen. */
  default boolean canBeStopped() {
    return this instanceof Active || this instanceof Frozen;
  }

  /**
   * Whether the service can be frozen: active or frozen. A stopped service cannot, because its data
   * may not match any artifact.
   */
  default boolean canBeFrozen() {
    return this instanceof Active || this instanceof Frozen;
  }

  /** Lower-case name for messages and JSON: {@code active}, {@code stopped}, ... */
  default String label() {
    return switch (this) {
      case Active a -> "active";
      case Stopped s -> "stopped";
      case Frozen f -> "frozen";
      case Migrating m -> "migrating";
    };
  }

  /** The protobuf form. */
  default InstanceStatusProto toProto() {
    var builder = InstanceStatusProto.newBuilder();
    return switch (this) {
      case Active a -> builder.setSimple(InstanceStatusProto.Simple.ACTIVE).build();
      case Stopped s -> builder.setSimple(InstanceStatusProto.Simple.STOPPED).build();
      case Frozen f -> builder.setSimple(InstanceStatusProto.Simple.FROZEN).build();
      case Migrating m -> {
        var migration =
            InstanceMigrationProto.newBuilder()
                .setTarget(m.target().toProto())
                .setEndVersion(m.endVersion().toString());
        m.completed().ifPresent(h -> migration.setCompletedHash(h.toProto()));
        yield builder.setMigration(migration).build();
      }
    };
  }

  /**
   * Reads the protobuf form; an unset status or {@code NONE} means no status.
   *
   * @throws IllegalArgumentException if the migration part is malformed
   */
  static Optional<InstanceStatus> fromProto(InstanceStatusProto proto) {
    return switch (proto.getStatusCase()) {
      case STATUS_NOT_SET -> Optional.empty();
      case SIMPLE ->
          switch (proto.getSimple()) {
            case NONE -> Optional.empty();
            case ACTIVE -> Optional.of(ACTIVE);
            case STOPPED -> Optional.of(STOPPED);
            case FROZEN -> Optional.of(FROZEN);
            case UNRECOGNIZED -> throw new IllegalArgumentException("Unknown instance status");
          };
      case MIGRATION -> {
        InstanceMigrationProto m = proto.getMigration();
        yield Optional.of(
            new Migrating(
                ArtifactId.fromProto(m.getTarget()),
                Version.parse(m.getEndVersion()),
                m.hasCompletedHash() ? Hash.fromProto(m.getCompletedHash()) : null));
      }
    };
  }
}
