package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_JAR;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules every entry of an artifact JAR must follow, by name and by content. */
final class EntryRules {
  private static final List<String> ARCHIVE_SUFFIXES =
      List.of(".jar", ".zip", ".war", ".ear", ".jmod", ".aar");
  private static final Pattern NATIVE_LIBRARY =
      Pattern.compile(".*\\.(so(\\.[0-9]+)*|dll|dylib|jnilib)$");
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private EntryRules() {}

  /**
   * Checks an entry's name.
   *
   * @throws io.polyhost.api.error.ExecutionException saying which rule the name breaks
   */
  static void checkName(String name) {
    if (isUnsafePath(name)) {
      throw reject(
          name,
          "its name could escape the JAR's directory (absolute path, '..', '.', empty segment,"
              + " backslash, drive letter or control character)");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("meta-inf/versions/")) {
      throw reject(name, "multi-release JARs are not accepted; build a plain JAR");
    }
    if (ARCHIVE_SUFFIXES.stream().anyMatch(lower::endsWith)) {
      throw reject(name, "nested archives are not accepted; flatten (shade) the dependencies");
    }
    if (NATIVE_LIBRARY.matcher(lower).matches()) {
      throw reject(name, "native libraries are not accepted");
    }
    if (name.endsWith(".class")) {
      checkClassName(name);
    }
  }

  private static void checkClassName(String name) {
    if (name.equals("module-info.class") || name.endsWith("/module-info.class")) {
      throw reject(name, "artifacts are not modules; remove module-info.class");
    }
    String binaryName = name.substring(0, name.length() - ".class".length()).replace('/', '.');
    if (SharedPackages.isShared(binaryName)) {
      throw reject(
          name,
          "the package belongs to the host ("
              + SharedPackages.describe()
              + "); the artifact must not bundle it (use 'provided' scope)");
    }
  }

  /**
   * Checks an entry's content: archives and native code are refused whatever their names.
   *
   * @throws io.polyhost.api.error.ExecutionException if the content is a ZIP archive or an ELF or
   *     Mach-O binary
   */
  static void checkContent(String name, byte[] data) {
    if (startsWith(data, 0x50, 0x4b, 0x03, 0x04)) {
      throw reject(name, "it is a nested archive (ZIP content); flatten (shade) the dependencies");
    }
    if (startsWith(data, 0x7f, 'E', 'L', 'F')
        || startsWith(data, 0xfe, 0xed, 0xfa, 0xce)
        || startsWith(data, 0xfe, 0xed, 0xfa, 0xcf)
        || startsWith(data, 0xce, 0xfa, 0xed, 0xfe)
        || startsWith(data, 0xcf, 0xfa, 0xed, 0xfe)) {
      throw reject(name, "it is native code (ELF or Mach-O); native libraries are not accepted");
    }
  }

  static io.polyhost.api.error.ExecutionException reject(String entry, String reason) {
    return INVALID_JAR.exception("JAR entry '" + entry + "' is refused: " + reason);
  }

  private static boolean isUnsafePath(String name) {
    if (name.isEmpty()
        || name.startsWith("/")
        || name.contains("\\")
        || DRIVE.matcher(name).matches()) {
      return true;
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return true;
    }
    String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] data, int... magic) {
    if (data.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((data[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
