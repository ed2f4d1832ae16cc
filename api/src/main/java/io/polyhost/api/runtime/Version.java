package io.polyhost.api.runtime;

import java.util.List;

/**
 * A semantic version as defined by <a href="https://semver.org/spec/v2.0.0.html">SemVer 2.0.0</a>:
 * {@code major.minor.patch}, optional pre-release identifiers after {@code -}, optional build
 * metadata after {@code +}.
 *
 * <p>Artifact versions decide which migrations are allowed (a target must have strictly higher
 * {@linkplain #comparePrecedence precedence}) and which artifacts satisfy a client's {@link
 * VersionReq}.
 *
 * <p><b>Equality and order.</b> {@link #equals} compares every component including build metadata,
 * because versions are serialized into storage keys and two different strings must not collide.
 * {@link #compareTo} is consistent with it: it orders by precedence (semver.org §11) and breaks
 * ties between equal-precedence versions by their build metadata in plain ASCII order, a fixed but
 * meaningless order that keeps sorted collections correct. Code that asks "newer or older?" must
 * use {@link #comparePrecedence}, which ignores build metadata as the specification requires.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the pre-release identifiers, empty for a release
 * @param build the build-metadata identifiers, usually empty
 */
public record Version(
    long major, long minor, long patch, List<String> preRelease, List<String> build)
    implements Comparable<Version> {
  /** The longest version text accepted, in characters. */
  public static final int MAX_LENGTH = 256;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a number is negative, an identifier breaks the semver rules
   *     (empty, a character outside {@code [0-9A-Za-z-]}, a numeric pre-release identifier with
   *     leading zeros), or the text form would exceed {@link #MAX_LENGTH}
   */
  public Version {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException(
          "Version numbers must not be negative: " + major + "." + minor + "." + patch);
    }
    preRelease = List.copyOf(preRelease);
    build = List.copyOf(build);
    Identifiers.checkPreRelease(preRelease);
    Identifiers.checkBuild(build);
    int length = format(major, minor, patch, preRelease, build).length();
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Version is " + length + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
  }

  /**
   * A release version {@code major.minor.patch}.
   *
   * @throws IllegalArgumentException if a number is negative
   */
  public static Version of(long major, long minor, long patch) {
    return new Version(major, minor, patch, List.of(), List.of());
  }

  /**
   * Parses a full semantic version such as {@code 1.2.3}, {@code 1.0.0-rc.1} or {@code
   * 1.0.0+build.5}. Partial versions ({@code 1}, {@code 1.2}), wildcards ({@code 1.x.0}), leading
   * zeros ({@code 01.2.3}), a leading {@code v} and surrounding spaces are all rejected.
   *
   * @throws IllegalArgumentException quoting the text and saying what is wrong where
   */
  public static Version parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Version is "
              + text.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are allowed");
    }
    VersionScanner in = new VersionScanner(text, "Invalid version '" + text + "'");
    long major = in.number("major version number");
    in.expect('.', "after major version number");
    long minor = in.number("minor version number");
    in.expect('.', "after minor version number");
    long patch = in.number("patch version number");
    List<String> preRelease = in.consume('-') ? in.preRelease() : List.of();
    List<String> build = in.consume('+') ? in.build() : List.of();
    if (!in.atEnd()) {
      throw in.unexpected(
          !build.isEmpty()
              ? "in build metadata"
              : !preRelease.isEmpty() ? "in pre-release" : "after patch version number");
    }
    return new Version(major, minor, patch, preRelease, build);
  }

  /** Whether this is a pre-release (has pre-release identifiers). */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /**
   * Compares precedence exactly as semver.org §11 defines it: numbers numerically, a pre-release
   * below its release, pre-release identifiers one by one (numeric below alphanumeric, numeric ones
   * by value, alphanumeric ones in ASCII order, a shorter list below a longer one it prefixes).
   * Build metadata is ignored, so {@code 1.0.0+a} and {@code 1.0.0+b} have the same precedence.
   *
   * @return negative, zero or positive as this version is lower than, equal to or higher than
   *     {@code other}
   */
  public int comparePrecedence(Version other) {
    int c = Long.compare(major, other.major);
    if (c == 0) {
      c = Long.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, other.patch);
    }
    return c != 0 ? c : Identifiers.comparePreRelease(preRelease, other.preRelease);
  }

  /** Precedence first, then build metadata as a tie-breaker; see the class description. */
  @Override
  public int compareTo(Version other) {
    int c = comparePrecedence(other);
    return c != 0 ? c : Identifiers.compareBuild(build, other.build);
  }

  /** The canonical text, e.g. {@code 1.0.0-rc.1+build.5}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return format(major, minor, patch, preRelease, build);
  }

  private static String format(
      long major, long minor, long patch, List<String> preRelease, List<String> build) {
    StringBuilder text = new StringBuilder().append(major).append('.').append(minor);
    text.append('.').append(patch);
    if (!preRelease.isEmpty()) {
      text.append('-').append(String.join(".", preRelease));
    }
    if (!build.isEmpty()) {
      text.append('+').append(String.join(".", build));
    }
    return text.toString();
  }
}
