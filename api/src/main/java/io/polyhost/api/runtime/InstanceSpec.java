package io.polyhost.api.runtime;

import io.polyhost.api.proto.InstanceSpecProto;

/**
 * Identifies a service instance: its numeric id, its unique name and the artifact it runs.
 *
 * <p>The id routes transactions; the name is the primary handle for administrators and prefixes the
 * instance's storage, which is why it may not contain dots. Both are assigned once and never
 * reused.
 *
 * @param id the instance id; non-negative
 * @param name non-empty, at most {@value #MAX_NAME_LENGTH} characters of {@code a-z A-Z 0-9 _ -}
 * @param artifact the artifact the instance runs
 */
public record InstanceSpec(int id, String name, ArtifactId artifact) {
  /**
   * The longest instance name accepted, in characters; short enough that the name plus a service's
   * own index names stay within the storage's limit on index names.
   */
  public static final int MAX_NAME_LENGTH = 64;

  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if the id is negative or the name is invalid
   */
  public InstanceSpec {
    if (id < 0) {
      throw new IllegalArgumentException("Instance id must not be negative, got " + id);
    }
    validateName(name);
  }

  /**
   * Reads a spec from its protobuf message.
   *
   * @throws IllegalArgumentException if the id does not fit, the name is invalid or the artifact id
   *     is missing or invalid
   */
  public static InstanceSpec fromProto(InstanceSpecProto proto) {
    if (proto.getId() < 0) {
      throw new IllegalArgumentException(
          "Instance id " + Integer.toUnsignedString(proto.getId()) + " is too large");
    }
    if (!proto.hasArtifact()) {
      throw new IllegalArgumentException("Instance spec '" + proto.getName() + "' has no artifact");
    }
    return new InstanceSpec(
        proto.getId(), proto.getName(), ArtifactId.fromProto(proto.getArtifact()));
  }

  /**
   * Checks an instance name: non-empty, at most {@value #MAX_NAME_LENGTH} characters of {@code a-z
   * A-Z 0-9 _ -}.
   *
   * @throws IllegalArgumentException naming the offending character and its position
   */
  public static void validateName(String name) {
    Names.check("Service", name, MAX_NAME_LENGTH, "");
  }

  /** The spec as a protobuf message. */
  public InstanceSpecProto toProto() {
    return InstanceSpecProto.newBuilder()
        .setId(id)
        .setName(name)
        .setArtifact(artifact.toProto())
        .build();
  }

  /** {@code artifact@id:name}, e.g. {@code 1:com.example.token:1.0.0@3:token}. */
  @Override
  public String toString() {
    return artifact + "@" + id + ":" + name;
  }
}
