package io.polyhost.runtime.js;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.runtime.js.proto.JsDeploySpecProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a deploy request for a JavaScript artifact carries: the file in the node's artifacts
 * directory and its SHA-256, so every node runs exactly the code the network agreed on. Serialized
 * as a {@code JsDeploySpecProto} ({@code js_runtime.proto}).
 *
 * @param file a plain file name ending in {@code .mjs}: no directories
 * @param sha256 the SHA-256 of the file's bytes
 */
public record JsDeploySpec(String file, Hash sha256) {
  /** The longest file name accepted. */
  public static final int MAX_FILE_NAME = 255;

  /**
   * Checks the file name.
   *
   * @throws IllegalArgumentException if the name is empty, too long, has a directory part or does
   *     not end in {@code .mjs}
   */
  public JsDeploySpec {
    if (file.isEmpty() || file.length() > MAX_FILE_NAME) {
      throw new IllegalArgumentException(
          "An artifact file name has 1 to " + MAX_FILE_NAME + " characters, got '" + file + "'");
    }
    if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw new IllegalArgumentException(
          "An artifact file name is a plain name inside the artifacts directory, got '"
              + file
              + "'");
    }
    if (!file.endsWith(".mjs")) {
      throw new IllegalArgumentException(
          "A JavaScript artifact is an ES module file ending in .mjs, got '" + file + "'");
    }
  }

  /**
   * The spec of an existing file, hashing its current content.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if its name is not a valid artifact file name
   */
  public static JsDeploySpec of(Path file) {
    try {
      return new JsDeploySpec(file.getFileName().toString(), Hash.sha256(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " to hash it", e);
    }
  }

  /**
   * Reads the serialized form.
   *
   * @throws IllegalArgumentException if the bytes are not a {@code JsDeploySpecProto} with a valid
   *     file name and a 32-byte hash
   */
  public static JsDeploySpec parse(byte[] bytes) {
    JsDeploySpecProto proto;
    try {
      proto = JsDeploySpecProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("Not a JsDeploySpecProto: " + e.getMessage(), e);
    }
    byte[] hash = proto.getSha256().toByteArray();
    if (hash.length != Hash.SIZE) {
      throw new IllegalArgumentException(
          "The deploy spec's sha256 must be " + Hash.SIZE + " bytes, got " + hash.length);
    }
    return new JsDeploySpec(proto.getFile(), Hash.of(hash));
  }

  /** The serialized form, to put in a deploy request. */
  public byte[] toBytes() {
    return JsDeploySpecProto.newBuilder()
        .setFile(file)
        .setSha256(ByteString.copyFrom(sha256.toBytes()))
        .build()
        .toByteArray();
  }

  @Override
  public String toString() {
    return file + " (sha256 " + sha256.toHex() + ")";
  }
}
