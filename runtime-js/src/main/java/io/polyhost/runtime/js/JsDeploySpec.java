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
 * What a deploy request for a JavaScript artifact carries: the file or folder in the node's
 * artifacts directory and its SHA-256, so every node runs exactly the code the network agreed on.
 * Serialized as a {@code JsDeploySpecProto} ({@code js_runtime.proto}).
 *
 * <p>The name says what the artifact is: a name ending in {@code .mjs} is a single ES module, whose
 * hash is the SHA-256 of the file's bytes; one ending in {@code .zip} is a zipped bundle, and any
 * other name a bundle folder. A bundle's hash covers its files' relative paths and contents and
 * nothing else, so a folder and its zip have the same hash: SHA-256 over the ASCII bytes of {@code
 * polyhost.js.bundle.v1} and a zero byte, then, for each file in ascending order of its relative
 * path ({@code /}-separated ASCII), the path, a zero byte, the content's length as 8 bytes
 * big-endian, and the content.
 *
 * @param file a plain name in the artifacts directory: no directories
 * @param sha256 the SHA-256 of the module file, or the bundle hash
 */
public record JsDeploySpec(String file, Hash sha256) {
  /** The longest file name accepted. */
  public static final int MAX_FILE_NAME = 255;

  /** What kind of artifact a deploy spec names. */
  public enum Kind {
    /** One ES module file, {@code *.mjs}. */
    MODULE,
    /** A bundle as a zip file, {@code *.zip}. */
    BUNDLE_ZIP,
    /** A bundle as a folder. */
    BUNDLE_FOLDER
  }

  /**
   * Checks the file name.
   *
   * @throws IllegalArgumentException if the name is empty, too long, has a directory part, or ends
   *     like a script that is not an ES module ({@code .js}, {@code .cjs}, {@code .ts}, ...)
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
    for (String wrong : new String[] {".js", ".cjs", ".ts", ".mts", ".json", ".jar"}) {
      if (file.endsWith(wrong)) {
        throw new IllegalArgumentException(
            "A JavaScript artifact is an ES module ending in .mjs, a bundle zip ending in .zip or"
                + " a bundle folder, got '"
                + file
                + "'");
      }
    }
  }

  /** What the name says the artifact is. */
  public Kind kind() {
    if (file.endsWith(".mjs")) {
      return Kind.MODULE;
    }
    return file.endsWith(".zip") ? Kind.BUNDLE_ZIP : Kind.BUNDLE_FOLDER;
  }

  /**
   * The spec of an existing module file or bundle, hashing its current content.
   *
   * @throws UncheckedIOException if it cannot be read, or is a bundle that breaks the bundle rules
   * @throws IllegalArgumentException if its name is not a valid artifact name
   */
  public static JsDeploySpec of(Path file) {
    String name = file.getFileName().toString();
    try {
      JsDeploySpec named = new JsDeploySpec(name, Hash.zero());
      Hash hash =
          named.kind() == Kind.MODULE
              ? Hash.sha256(Files.readAllBytes(file))
              : JsBundle.read(file).hash();
      return new JsDeploySpec(name, hash);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " to hash it: " + e.getMessage(), e);
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
