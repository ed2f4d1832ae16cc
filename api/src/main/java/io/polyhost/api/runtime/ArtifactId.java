package io.polyhost.api.runtime;

import io.polyhost.api.proto.ArtifactIdProto;

/**
 * Names a deployable artifact: the runtime that runs it, its name and its semantic version.
 *
 * <p>An artifact is to a service what a class is to an object: services are created from it, and
 * migrated between versions of it. The text form is {@code runtimeId:name:version}, e.g. {@code
 * 1:com.example.token:1.2.0}.
 *
 * @param runtimeId the runtime, see {@link RuntimeId}; non-negative
 * @param name non-empty, at most {@value #MAX_NAME_LENGTH} characters of {@code a-z A-Z 0-9 _ - .
 *     /}
 * @param version the full semantic version
 */
public record ArtifactId(int runtimeId, String name, Version version) {
  /** The longest artifact name accepted, in characters. */
  public static final int MAX_NAME_LENGTH = 255;

  /**
   * Validates the id.
   *
   * @throws IllegalArgumentException if the runtime id is negative or the name is invalid
   */
  public ArtifactId {
    if (runtimeId < 0) {
      throw new IllegalArgumentException("Runtime id must not be negative, got " + runtimeId);
    }
    validateName(name);
  }

  /**
   * Parses the text form {@code runtimeId:name:version}.
   *
   * @throws IllegalArgumentException if the text does not have three colon-separated parts, or a
   *     part is invalid (the message says which and why)
   */
  public static ArtifactId parse(String text) {
    int first = text.indexOf(':');
    int second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException(
          "Wrong ArtifactId format '"
              + text
              + "': expected 'runtimeId:name:version', e.g. '1:com.example.token:1.0.0'");
    }
    int runtimeId = parseRuntimeId(text.substring(0, first));
    String name = text.substring(first + 1, second);
    validateName(name); // before the version, so errors come in the order of the text
    return new ArtifactId(runtimeId, name, Version.parse(text.substring(second + 1)));
  }

  private static int parseRuntimeId(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("Runtime id of the artifact is empty");
    }
    boolean digits = text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    long value = digits ? Long.parseLong(text) : -1;
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Runtime id '" + text + "' is not a decimal number between 0 and " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  /**
   * Reads an artifact id from its protobuf message.
   *
   * @throws IllegalArgumentException if the runtime id does not fit, or the name or version is
   *     invalid
   */
  public static ArtifactId fromProto(ArtifactIdProto proto) {
    if (proto.getRuntimeId() < 0) {
      throw new IllegalArgumentException(
          "Runtime id " + Integer.toUnsignedString(proto.getRuntimeId()) + " is too large");
    }
    validateName(proto.getName());
    return new ArtifactId(proto.getRuntimeId(), proto.getName(), Version.parse(proto.getVersion()));
  }

  /**
   * Checks an artifact name: non-empty, at most {@value #MAX_NAME_LENGTH} characters of {@code a-z
   * A-Z 0-9 _ - . /}.
   *
   * @throws IllegalArgumentException naming the offending character and its position
   */
  public static void validateName(String name) {
    Names.check("Artifact", name, MAX_NAME_LENGTH, "./");
  }

  /** The id as a protobuf message. */
  public ArtifactIdProto toProto() {
    return ArtifactIdProto.newBuilder()
        .setRuntimeId(runtimeId)
        .setName(name)
        .setVersion(version.toString())
        .build();
  }

  /**
   * Whether this artifact can replace {@code other} in a migration: same runtime, same name and a
   * strictly higher version {@linkplain Version#comparePrecedence precedence}.
   */
  public boolean isUpgradeOf(ArtifactId other) {
    return runtimeId == other.runtimeId
        && name.equals(other.name)
        && version.comparePrecedence(other.version) > 0;
  }

  /** The text form {@code runtimeId:name:version}, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return runtimeId + ":" + name + ":" + version;
  }
}
