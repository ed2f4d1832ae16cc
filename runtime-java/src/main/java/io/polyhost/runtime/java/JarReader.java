package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.EntryRules.reject;
import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_JAR;

import io.polyhost.api.error.ExecutionException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads an artifact JAR from memory, entry by entry, enforcing the {@link JarLimits} and the {@link
 * EntryRules} as it goes: nothing is inflated beyond the limits, so a zip bomb stops early.
 */
final class JarReader {
  static final String MANIFEST = "META-INF/MANIFEST.MF";

  private final JarLimits limits;

  JarReader(JarLimits limits) {
    this.limits = limits;
  }

  /**
   * The checked contents of {@code jar}.
   *
   * @throws ExecutionException with {@link JavaRuntimeError#INVALID_JAR} naming the first rule the
   *     JAR breaks
   */
  JarContents read(byte[] jar) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    long total = 0;
    byte[][] scratch = {new byte[16 * 1024]};
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        String name = entry.getName();
        if (names.size() >= limits.maxEntries()) {
          throw INVALID_JAR.exception(
              "The JAR has more than " + limits.maxEntries() + " entries, the most accepted");
        }
        if (!names.add(name)) {
          throw reject(name, "it occurs twice; which copy is meant would be ambiguous");
        }
        EntryRules.checkName(name);
        if (entry.isDirectory()) {
          continue;
        }
        byte[] data = inflate(zip, name, scratch);
        total += data.length;
        if (total > limits.maxTotalBytes()) {
          throw INVALID_JAR.exception(
              "The JAR's entries inflate to more than "
                  + limits.maxTotalBytes()
                  + " bytes, the most accepted");
        }
        checkRatio(name, data.length, entry.getCompressedSize());
        EntryRules.checkContent(name, data);
        files.put(name, data);
      }
    } catch (IOException e) {
      throw INVALID_JAR.exception("The file is not a readable JAR (ZIP): " + e.getMessage());
    }
    byte[] manifest = files.remove(MANIFEST);
    if (manifest == null) {
      throw INVALID_JAR.exception(
          names.isEmpty()
              ? "The file is not a JAR: it has no ZIP entries"
              : "The JAR has no " + MANIFEST + "; an artifact's manifest names its service");
    }
    return new JarContents(parseManifest(manifest), files);
  }

  /**
   * The entry {@code in} is at, inflated into {@code scratch} (grown as needed; the caller keeps it
   * for the next entry, so a JAR of many entries copies each once) and copied out.
   */
  private byte[] inflate(InputStream in, String name, byte[][] scratch) throws IOException {
    byte[] buffer = scratch[0];
    int size = 0;
    while (true) {
      if (size == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
        scratch[0] = buffer;
      }
      int n = in.read(buffer, size, buffer.length - size);
      if (n < 0) {
        return Arrays.copyOf(buffer, size);
      }
      size += n;
      if (size > limits.maxEntryBytes()) {
        throw reject(
            name,
            "it inflates to more than "
                + limits.maxEntryBytes()
                + " bytes, the largest entry accepted");
      }
    }
  }

  private void checkRatio(String name, long size, long compressedSize) {
    if (size <= JarLimits.RATIO_CHECK_THRESHOLD || compressedSize <= 0) {
      return;
    }
    if (size / compressedSize > limits.maxCompressionRatio()) {
      throw reject(
          name,
          "it inflates from "
              + compressedSize
              + " to "
              + size
              + " bytes, a ratio above "
              + limits.maxCompressionRatio()
              + " (zip bomb?)");
    }
  }

  private static Manifest parseManifest(byte[] bytes) {
    Manifest manifest;
    try {
      manifest = new Manifest(new ByteArrayInputStream(bytes));
    } catch (IOException | IllegalArgumentException e) {
      throw INVALID_JAR.exception("The JAR's manifest is malformed: " + e.getMessage());
    }
    Attributes main = manifest.getMainAttributes();
    if (main.containsKey(Attributes.Name.CLASS_PATH)) {
      throw INVALID_JAR.exception(
          "The manifest has a Class-Path ("
              + main.getValue(Attributes.Name.CLASS_PATH)
              + "); an artifact is one flat JAR, so remove it and shade the dependencies");
    }
    if ("true".equalsIgnoreCase(main.getValue(Attributes.Name.MULTI_RELEASE))) {
      throw INVALID_JAR.exception(
          "The manifest says Multi-Release: true; which classes load would depend on the node's"
              + " JDK, so build a plain JAR");
    }
    return manifest;
  }
}
