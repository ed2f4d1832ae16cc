package io.polyhost.api.runtime;

import io.polyhost.api.runtime.ReqComparator.Op;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads one comparator of a {@link VersionReq}. */
final class ReqParser {
  private ReqParser() {}

  /**
   * Parses a comparator such as {@code >= 1.2}, {@code ~1.2.3-rc.1} or {@code 1.*}.
   *
   * @param context how error messages start, quoting the whole requirement
   * @throws IllegalArgumentException saying what is wrong where in {@code text}
   */
  static ReqComparator comparator(String text, String context) {
    VersionScanner in = new VersionScanner(text, context + " (comparator '" + text + "')");
    @Nullable Op explicit = operator(in);
    in.skipSpaces();
    if (in.wildcard()) {
      throw in.error(
          "a wildcard major version ('*', 'x' or 'X') must be the whole requirement; it cannot"
              + " follow an operator or be combined with other comparators");
    }
    long major = in.number("major version number");
    @Nullable Long minor = null;
    @Nullable Long patch = null;
    boolean wildcard = false;
    if (in.consume('.')) {
      wildcard = in.wildcard();
      if (!wildcard) {
        minor = in.number("minor version number");
        if (in.consume('.')) {
          wildcard = in.wildcard();
          if (!wildcard) {
            patch = in.number("patch version number");
          }
        }
      }
    }
    if (wildcard) {
      // 1.*.* reads like 1.*; a number after a wildcard (1.*.3) is meaningless.
      while (in.consume('.')) {
        if (!in.wildcard()) {
          throw in.unexpected("after a wildcard, expected another wildcard");
        }
      }
    }
    List<String> preRelease = List.of();
    if (in.consume('-')) {
      if (patch == null) {
        throw in.error("a pre-release needs a full major.minor.patch version");
      }
      preRelease = in.preRelease();
    }
    if (in.consume('+')) {
      throw in.error("build metadata is not allowed in a version requirement");
    }
    if (!in.atEnd()) {
      throw in.unexpected(
          "after the version" + (in.at(' ') ? "; separate comparators with ','" : ""));
    }
    // A bare or '=' version with a wildcard (1.*) keeps its own operator for display; it selects
    // the
    // same versions as =1. Other operators simply ignore wildcard parts: >=1.* is >=1.
    Op op =
        explicit == null
            ? (wildcard ? Op.WILDCARD : Op.CARET)
            : (wildcard && explicit == Op.EXACT ? Op.WILDCARD : explicit);
    return new ReqComparator(op, major, minor, patch, preRelease);
  }

  /** Reads the operator, if any. */
  private static @Nullable Op operator(VersionScanner in) {
    if (in.consume('=')) {
      return Op.EXACT;
    }
    if (in.consume('>')) {
      return in.consume('=') ? Op.GREATER_EQ : Op.GREATER;
    }
    if (in.consume('<')) {
      return in.consume('=') ? Op.LESS_EQ : Op.LESS;
    }
    if (in.consume('~')) {
      return Op.TILDE;
    }
    return in.consume('^') ? Op.CARET : null;
  }
}
