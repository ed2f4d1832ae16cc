package io.polyhost.runtime.js;

import io.polyhost.api.crypto.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A bundle artifact's files, read from a folder or a zip into memory and checked: relative paths of
 * ASCII segments, no links, at most {@value #MAX_FILES} files and {@value #MAX_TOTAL_BYTES} bytes
 * in all (counted while decompressing, whatever a zip's headers claim).
 *
 * <p>Its {@link #hash() hash} covers exactly the files' paths and contents, so the same bundle has
 * the same hash as a folder and as a zip, and a zip's timestamps, compression and order do not
 * matter.
 */
final class JsBundle {
  /** The most files a bundle may hold. */
  static final int MAX_FILES = 1000;

  /** The most bytes all files of a bundle may hold together. */
  static final long MAX_TOTAL_BYTES = ArtifactLoader.MAX_FILE_SIZE;

  /** The manifest every bundle has at its top. */
  static final String MANIFEST = "polyhost-bundle.json";

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*");
  private static final byte[] DOMAIN =
      "polyhost.js.bundle.v1\0".getBytes(StandardCharsets.US_ASCII);

  private final SortedMap<String, byte[]> files;

  private JsBundle(SortedMap<String, byte[]> files) {
    this.files = Collections.unmodifiableSortedMap(files);
  }

  /**
   * Reads the bundle at {@code path}: a zip if its name ends in {@code .zip}, a folder otherwise.
   *
   * @throws BundleException if the bundle breaks a rule
   * @throws IOException if it cannot be read
   */
  static JsBundle read(Path path) throws IOException {
    return path.getFileName().toString().endsWith(".zip") ? readZip(path) : readFolder(path);
  }

  private static JsBundle readFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new BundleException(folder.getFileName() + " is not a folder");
    }
    SortedMap<String, byte[]> files = new TreeMap<>();
    long[] total = {0};
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths = walk.filter(p -> !p.equals(folder)).sorted().toList();
    }
    for (Path file : paths) {
      String name = relativeName(folder.relativize(file));
      if (Files.isSymbolicLink(file)) {
        throw new BundleException(name + " is a symbolic link; a bundle holds plain files only");
      }
      if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new BundleException(name + " is not a plain file");
      }
      try (InputStream in = Files.newInputStream(file)) {
        add(files, name, in, total);
      }
    }
    return new JsBundle(files);
  }

  private static JsBundle readZip(Path zip) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    long[] total = {0};
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (entry.isDirectory()) {
          continue;
        }
        check(name);
        try (InputStream in = archive.getInputStream(entry)) {
          add(files, name, in, total);
        }
      }
    }
    return new JsBundle(files);
  }

  private static String relativeName(Path relative) throws BundleException {
    StringBuilder name = new StringBuilder();
    for (Path part : relative) {
      name.append(name.length() > 0 ? "/" : "").append(part);
    }
    check(name.toString());
    return name.toString();
  }

  /** Checks that {@code name} is a relative path of allowed segments. */
  static void check(String name) throws BundleException {
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new BundleException(
            "'"
                + name
                + "' is not a valid bundle path: segments of ASCII letters, digits and . _ @ + -"
                + " (not starting with a dot), separated by single slashes");
      }
    }
  }

  private static void add(
      SortedMap<String, byte[]> files, String name, InputStream in, long[] total)
      throws IOException {
    if (files.size() >= MAX_FILES) {
      throw new BundleException("A bundle holds at most " + MAX_FILES + " files");
    }
    long left = MAX_TOTAL_BYTES - total[0];
    byte[] content = in.readNBytes((int) Math.min(left + 1, Integer.MAX_VALUE - 8));
    if (content.length > left) {
      throw new BundleException("A bundle's files hold at most " + MAX_TOTAL_BYTES + " bytes");
    }
    total[0] += content.length;
    if (files.put(name, content) != null) {
      throw new BundleException(name + " appears twice in the bundle");
    }
  }

  /** The files by relative path, in ascending order. */
  Map<String, byte[]> files() {
    return files;
  }

  /**
   * The bundle's SHA-256: over the ASCII bytes of {@code polyhost.js.bundle.v1} and a zero byte,
   * then for each file in ascending order of its relative path ({@code /}-separated, ASCII): the
   * path, a zero byte, the content's length as 8 bytes big-endian, and the content.
   */
  Hash hash() {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
    sha256.update(DOMAIN);
    files.forEach((name, content) -> {
      sha256.update(name.getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) 0);
      sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(content.length).array());
      sha256.update(content);
    });
    return Hash.of(sha256.digest());
  }

  /** A bundle breaks one of the rules; the message says which. */
  static final class BundleException extends IOException {
    private static final long serialVersionUID = 1L;

    BundleException(String message) {
      super(message);
    }
  }
}
