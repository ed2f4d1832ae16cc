package io.polyhost.api.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A requirement on versions, in Cargo's syntax and with Cargo's semantics: comma-separated
 * comparators that must all hold.
 *
 * <p>Comparators: {@code ^1.2.3} (same leftmost non-zero part: {@code >=1.2.3, <2.0.0}; {@code
 * ^0.2.3} is {@code >=0.2.3, <0.3.0}; {@code ^0.0.3} is {@code =0.0.3}), {@code ~1.2.3} ({@code
 * >=1.2.3, <1.3.0}), {@code =}, {@code >}, {@code >=}, {@code <}, {@code <=}, wildcards {@code *},
 * {@code 1.*}, {@code 1.2.*}. A bare version means caret: {@code 1.2.3} is {@code ^1.2.3}. Versions
 * may be partial, and missing parts widen the comparator: {@code =1.2} is {@code >=1.2.0, <1.3.0},
 * {@code <=1} is {@code <2.0.0}, {@code ~1} is {@code 1.*}. Build metadata is not allowed.
 *
 * <p><b>Pre-releases.</b> A version with pre-release identifiers matches only if, besides
 * satisfying every comparator, some comparator names the same {@code major.minor.patch} with a
 * pre-release of its own: {@code >=1.2.3-alpha} admits {@code 1.2.3-beta} but not {@code
 * 1.2.4-beta}, and {@code <2.0.0} does not admit {@code 2.0.0-rc.1}. This keeps clients off
 * pre-releases they never asked for.
 *
 * <p>Two requirements are equal when they have the same comparators in the same order; {@link
 * #toString()} gives the normalized text (bare versions shown with {@code ^}), which {@link #parse}
 * reads back to an equal requirement.
 */
public final class VersionReq {
  /** The longest requirement text accepted, in characters. */
  public static final int MAX_LENGTH = 1024;

  private static final VersionReq ANY = new VersionReq(List.of());

  private final List<ReqComparator> comparators;

  private VersionReq(List<ReqComparator> comparators) {
    this.comparators = List.copyOf(comparators);
  }

  /** The requirement {@code *}: every version that is not a pre-release. */
  public static VersionReq any() {
    return ANY;
  }

  /**
   * Parses a requirement such as {@code ^1.2}, {@code >=1.0.0, <2.0.0} or {@code *}; spaces around
   * operators and commas are allowed.
   *
   * @throws IllegalArgumentException quoting the requirement and saying what is wrong where
   */
  public static VersionReq parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Version requirement is "
              + text.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are allowed");
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          "Version requirement is empty; use '*' to accept any version");
    }
    if (isWildcard(text.strip())) {
      return ANY;
    }
    String context = "Invalid version requirement '" + text + "'";
    List<ReqComparator> comparators = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (part.isBlank()) {
        throw new IllegalArgumentException(context + ": empty comparator between commas");
      }
      comparators.add(ReqParser.comparator(part.strip(), context));
    }
    return new VersionReq(comparators);
  }

  private static boolean isWildcard(String text) {
    return text.equals("*") || text.equals("x") || text.equals("X");
  }

  /**
   * Whether {@code version} satisfies every comparator and the pre-release rule (see the class
   * description). Build metadata of {@code version} is ignored.
   */
  public boolean matches(Version version) {
    for (ReqComparator comparator : comparators) {
      if (!comparator.matches(version)) {
        return false;
      }
    }
    if (!version.isPreRelease()) {
      return true;
    }
    for (ReqComparator comparator : comparators) {
      if (comparator.admitsPreReleaseOf(version)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionReq other && comparators.equals(other.comparators);
  }

  @Override
  public int hashCode() {
    return comparators.hashCode();
  }

  /** The normalized text, e.g. {@code >=1.0.0, <2.0.0}, {@code ^1.2} or {@code *}. */
  @Override
  public String toString() {
    return comparators.isEmpty()
        ? "*"
        : comparators.stream().map(ReqComparator::toString).collect(Collectors.joining(", "));
  }
}
