package io.polyhost.api.service;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.JavaArtifactSpecProto;

/**
 * The deploy spec of a Java artifact: the JAR's file name in the node's artifacts directory and the
 * SHA-256 of its bytes. Its serialized form ({@link #toBytes}, a {@code JavaArtifactSpecProto}) is
 * what a deploy request carries.
 *
 * <p>Pinning the hash means every node loads the same bytes under the same artifact id, whoever
 * copied the file there.
 *
 * @param fileName a plain file name ending in {@code .jar}, without directories
 * @param sha256 the SHA-256 of the file's bytes
 */
public record JavaArtifactSpec(String fileName, Hash sha256) {
  /** The longest file name accepted, in characters. */
  public static final int MAX_FILE_NAME_LENGTH = 255;

  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if the file name is empty, too long, not a {@code .jar}, or
   *     contains a directory separator, {@code ..} or a control character
   */
  public JavaArtifactSpec {
    checkFileName(fileName);
  }

  /**
   * Reads the serialized form.
   *
   * @throws IllegalArgumentException if the bytes are not a {@code JavaArtifactSpecProto}, or its
   *     file name or hash is invalid
   */
  public static JavaArtifactSpec parse(byte[] bytes) {
    JavaArtifactSpecProto proto;
    try {
      proto = JavaArtifactSpecProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "The deploy spec is not a JavaArtifactSpecProto: " + e.getMessage(), e);
    }
    if (!proto.hasSha256()) {
      throw new IllegalArgumentException(
          "The deploy spec of '" + proto.getFileName() + "' has no sha256 of the JAR");
    }
    return new JavaArtifactSpec(proto.getFileName(), Hash.fromProto(proto.getSha256()));
  }

  /** The serialized {@code JavaArtifactSpecProto}. */
  public byte[] toBytes() {
    return JavaArtifactSpecProto.newBuilder()
        .setFileName(fileName)
        .setSha256(sha256.toProto())
        .build()
        .toByteArray();
  }

  private static void checkFileName(String name) {
    String problem = null;
    if (name.isEmpty() || name.length() > MAX_FILE_NAME_LENGTH) {
      problem = "must have 1 to " + MAX_FILE_NAME_LENGTH + " characters";
    } else if (!name.endsWith(".jar")) {
      problem = "must end in '.jar'";
    } else if (name.contains("/") || name.contains("\\") || name.contains(":")) {
      problem = "must be a plain file name, without directories or drive letters";
    } else if (name.startsWith(".")) {
      problem = "must not start with '.'";
    } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      problem = "must not contain control characters";
    }
    if (problem != null) {
      throw new IllegalArgumentException("Artifact file name '" + name + "' " + problem);
    }
  }
}
