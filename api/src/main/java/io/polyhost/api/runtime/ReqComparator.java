package io.polyhost.api.runtime;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One comparator of a {@link VersionReq}, such as {@code >=1.2} or {@code ^0.3.1-beta}, with
 * Cargo's semantics for partial versions (a missing minor or patch widens the range).
 *
 * @param op the operator
 * @param major the major version
 * @param minor the minor version, or {@code null} when omitted
 * @param patch the patch version, or {@code null} when omitted (always when {@code minor} is)
 * @param preRelease pre-release identifiers; only with a patch version
 */
record ReqComparator(
    Op op, long major, @Nullable Long minor, @Nullable Long patch, List<String> preRelease) {

  /** Comparison operators; {@code WILDCARD} is {@code 1.*} and means the same as {@code =1}. */
  enum Op {
    EXACT("="),
    GREATER(">"),
    GREATER_EQ(">="),
    LESS("<"),
    LESS_EQ("<="),
    TILDE("~"),
    CARET("^"),
    WILDCARD("");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  ReqComparator {
    preRelease = List.copyOf(preRelease);
  }

  /**
   * Whether {@code v} satisfies this comparator, pre-release rule aside (see {@link VersionReq}).
   */
  boolean matches(Version v) {
    int c = compareGivenParts(v);
    return switch (op) {
      case EXACT, WILDCARD -> c == 0;
      case GREATER -> c < 0;
      case GREATER_EQ -> c <= 0;
      case LESS -> c > 0;
      case LESS_EQ -> c >= 0;
      case TILDE -> c <= 0 && v.major() == major && (minor == null || v.minor() == minor);
      case CARET -> c <= 0 && v.major() == major && withinCaretRange(v);
    };
  }

  /**
   * Whether this comparator names the same {@code major.minor.patch} as the pre-release {@code v}
   * and has a pre-release itself: Cargo lets a pre-release version match only then.
   */
  boolean admitsPreReleaseOf(Version v) {
    return !preRelease.isEmpty()
        && major == v.major()
        && minor != null
        && minor == v.minor()
        && patch != null
        && patch == v.patch();
  }

  /**
   * Compares this comparator's version with {@code v} on the parts the comparator gives; omitted
   * parts count as equal. This single comparison yields Cargo's reading of partial versions, e.g.
   * {@code <1.2} is {@code <1.2.0} and {@code <=1.2} is {@code <1.3.0}.
   *
   * @return negative, zero or positive as the comparator's version is below, equal to or above
   *     {@code v}
   */
  private int compareGivenParts(Version v) {
    int c = Long.compare(major, v.major());
    if (c == 0 && minor != null) {
      c = Long.compare(minor, v.minor());
    }
    if (c == 0 && patch != null) {
      c = Long.compare(patch, v.patch());
      if (c == 0) {
        c = Identifiers.comparePreRelease(preRelease, v.preRelease());
      }
    }
    return c;
  }

  /**
   * Below the exclusive end of a caret range of the same major version: the leftmost given non-zero
   * part must not change ({@code ^1.2.3} keeps 1, {@code ^0.2.3} keeps 0.2, {@code ^0.0.3} keeps
   * 0.0.3, {@code ^0.0} keeps 0.0, {@code ^0} keeps 0).
   */
  private boolean withinCaretRange(Version v) {
    if (major > 0 || minor == null) {
      return true;
    }
    if (v.minor() != minor) {
      return false;
    }
    return minor > 0 || patch == null || v.patch() == patch;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(op.symbol).append(major);
    if (minor != null) {
      text.append('.').append(minor);
      if (patch != null) {
        text.append('.').append(patch);
        if (!preRelease.isEmpty()) {
          text.append('-').append(String.join(".", preRelease));
        }
      }
    }
    if (op == Op.WILDCARD && patch == null) {
      text.append(".*");
    }
    return text.toString();
  }
}
