package io.polyhost.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionReqTest {
  /** Every release 0.0.0 to 3.3.4, and a few pre-releases, to compare requirements over. */
  private static final List<Version> GRID = grid();

  private static List<Version> grid() {
    List<Version> versions = new ArrayList<>();
    for (int major = 0; major <= 3; major++) {
      for (int minor = 0; minor <= 3; minor++) {
        for (int patch = 0; patch <= 4; patch++) {
          versions.add(Version.of(major, minor, patch));
          versions.add(Version.parse(major + "." + minor + "." + patch + "-alpha.1"));
        }
      }
    }
    versions.add(Version.parse("1.2.3+build.7"));
    return versions;
  }

  /**
   * Cargo's documented shorthands and what they stand for (The Cargo Book, "Specifying
   * Dependencies").
   */
  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "^1.2.3|>=1.2.3, <2.0.0",
        "^1.2|>=1.2.0, <2.0.0",
        "^1|>=1.0.0, <2.0.0",
        "^0.2.3|>=0.2.3, <0.3.0",
        "^0.2|>=0.2.0, <0.3.0",
        "^0.0.3|>=0.0.3, <0.0.4",
        "^0.0|>=0.0.0, <0.1.0",
        "^0|>=0.0.0, <1.0.0",
        "1.2.3|>=1.2.3, <2.0.0",
        "0.2.3|>=0.2.3, <0.3.0",
        "~1.2.3|>=1.2.3, <1.3.0",
        "~1.2|>=1.2.0, <1.3.0",
        "~1|>=1.0.0, <2.0.0",
        "~0.2.3|>=0.2.3, <0.3.0",
        "1.*|>=1.0.0, <2.0.0",
        "1.2.*|>=1.2.0, <1.3.0",
        "1.x|>=1.0.0, <2.0.0",
        "1.*.*|>=1.0.0, <2.0.0",
        "=1.2|>=1.2.0, <1.3.0",
        "=1|>=1.0.0, <2.0.0",
        ">1.2|>=1.3.0",
        ">1|>=2.0.0",
        ">=1.2|>=1.2.0",
        "<1.2|<1.2.0",
        "<=1.2|<1.3.0",
        "<=1|<2.0.0",
        ">=1.*|>=1.0.0",
        "*|>=0.0.0",
      })
  void shorthandsMeanTheirExpansion(String shorthand, String expansion) {
    VersionReq a = VersionReq.parse(shorthand);
    VersionReq b = VersionReq.parse(expansion);
    for (Version v : GRID) {
      assertThat(a.matches(v))
          .as("%s on %s (vs %s)", shorthand, v, expansion)
          .isEqualTo(b.matches(v));
    }
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Full-version comparators at their boundaries.
        ">=1.2.3|1.2.3|true",
        ">=1.2.3|1.2.2|false",
        ">1.2.3|1.2.3|false",
        ">1.2.3|1.2.4|true",
        "<1.2.3|1.2.2|true",
        "<1.2.3|1.2.3|false",
        "<=1.2.3|1.2.3|true",
        "<=1.2.3|1.2.4|false",
        "=1.2.3|1.2.3|true",
        "=1.2.3|1.2.4|false",
        "=1.2.3|1.2.3+build.9|true",
        ">= 1.0.0, < 2.0.0|1.9.9|true",
        ">= 1.0.0, < 2.0.0|2.0.0|false",
        ">= 1.0.0, < 2.0.0|0.9.9|false",
        // Caret and tilde at their boundaries.
        "^1.2.3|1.2.3|true",
        "^1.2.3|1.99.0|true",
        "^1.2.3|2.0.0|false",
        "^1.2.3|1.2.2|false",
        "^0.2.3|0.2.9|true",
        "^0.2.3|0.3.0|false",
        "^0.0.3|0.0.3|true",
        "^0.0.3|0.0.4|false",
        "~1.2.3|1.2.9|true",
        "~1.2.3|1.3.0|false",
        "*|0.0.0|true",
        "*|123.4.5|true",
        // Pre-releases match only when a comparator names the same major.minor.patch with one.
        "*|1.0.0-alpha|false",
        "<2.0.0|2.0.0-rc.1|false",
        ">=1.0.0|1.5.0-beta|false",
        "^1.0.0|1.5.0-beta|false",
        ">=1.2.3-alpha|1.2.3-alpha|true",
        ">=1.2.3-alpha|1.2.3-beta|true",
        ">=1.2.3-alpha|1.2.3|true",
        ">=1.2.3-alpha|1.2.4|true",
        ">=1.2.3-alpha|1.2.4-beta|false",
        ">=1.2.3-beta|1.2.3-alpha|false",
        "^1.2.3-alpha.1|1.2.3-alpha.2|true",
        "^1.2.3-alpha.1|1.2.3-alpha.0|false",
        "^1.2.3-alpha.1|1.2.3-alpha.1|true",
        "^1.2.3-alpha.1|1.2.3|true",
        "^1.2.3-alpha.1|1.9.0|true",
        "^1.2.3-alpha.1|1.2.4-alpha.1|false",
        "=1.2.3-rc.1|1.2.3-rc.1|true",
        "=1.2.3-rc.1|1.2.3-rc.2|false",
        "=1.2.3-rc.1|1.2.3|false",
        ">1.2.3-alpha, <1.2.3|1.2.3-beta|true",
        "<1.2.3-beta|1.2.3-alpha|true",
        "~1.2.3-beta|1.2.3-beta.2|true",
        "~1.2.3-beta|1.2.4|true",
        "~1.2.3-beta|1.3.0|false",
      })
  void matchesLikeCargo(String requirement, String version, boolean expected) {
    assertThat(VersionReq.parse(requirement).matches(Version.parse(version))).isEqualTo(expected);
  }

  @Test
  void fullVersionComparatorsAgreeWithPrecedenceOnRandomVersions() {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    String[] ops = {"=", ">", ">=", "<", "<="};
    for (int i = 0; i < 5000; i++) {
      Version bound = randomVersion(random);
      Version v = randomVersion(random);
      String op = ops[random.nextInt(ops.length)];
      int c = v.comparePrecedence(bound);
      boolean inRange =
          switch (op) {
            case "=" -> c == 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            default -> c <= 0;
          };
      boolean preReleaseAllowed =
          !v.isPreRelease()
              || (bound.isPreRelease()
                  && bound.major() == v.major()
                  && bound.minor() == v.minor()
                  && bound.patch() == v.patch());
      assertThat(VersionReq.parse(op + bound).matches(v))
          .as("seed=%d: %s%s on %s", seed, op, bound, v)
          .isEqualTo(inRange && preReleaseAllowed);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.2.3|^1.2.3",
        "^1.2|^1.2",
        ">= 1.0.0 ,< 2|>=1.0.0, <2",
        "1.*|1.*",
        "=1.2.*|1.2.*",
        "1.*.*|1.*",
        "~1.2.3-rc.1|~1.2.3-rc.1",
        "*|*",
        "x|*",
        " * |*",
        ">=1.*|>=1",
      })
  void printsANormalizedFormThatParsesBack(String text, String normalized) {
    VersionReq req = VersionReq.parse(text);
    assertThat(req).hasToString(normalized);
    assertThat(VersionReq.parse(normalized)).isEqualTo(req).hasSameHashCodeAs(req);
  }

  @Test
  void equalityIsStructural() {
    assertThat(VersionReq.parse("1.0.5")).isEqualTo(VersionReq.parse("^1.0.5"));
    assertThat(VersionReq.parse("*")).isEqualTo(VersionReq.any());
    assertThat(VersionReq.parse("^1.0")).isNotEqualTo(VersionReq.parse("^1.0.0"));
    assertThat(VersionReq.parse(">=1, <2")).isNotEqualTo(VersionReq.parse("<2, >=1"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|Version requirement is empty; use '*' to accept any version",
        "' , '|Invalid version requirement ' , ': empty comparator between commas",
        ">=1.0,|Invalid version requirement '>=1.0,': empty comparator between commas",
        "1.2.3+build|build metadata is not allowed in a version requirement",
        ">=*|a wildcard major version ('*', 'x' or 'X') must be the whole requirement",
        "*, >=1|a wildcard major version ('*', 'x' or 'X') must be the whole requirement",
        "<x|a wildcard major version ('*', 'x' or 'X') must be the whole requirement",
        "1.*.3|unexpected character '3' at position 4 after a wildcard, expected another wildcard",
        "1.2-alpha|a pre-release needs a full major.minor.patch version",
        "^1.2.3.4|unexpected character '.' at position 6 after the version",
        ">=1.0 <2.0|unexpected character ' ' at position 5 after the version; separate"
            + " comparators with ','",
        "abc|unexpected character 'a' at position 0 while parsing major version number",
        "~>1.2|unexpected character '>' at position 1 while parsing major version number",
        "01.2|major version number '01' must not have leading zeros",
        "^1.2.3-01|Numeric pre-release identifier '01' must not have leading zeros",
        ">=|unexpected end of input while parsing major version number",
      })
  void rejectsMalformedRequirementsSayingWhy(String text, String problem) {
    assertThatThrownBy(() -> VersionReq.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void errorsQuoteTheRequirementAndTheComparator() {
    assertThatThrownBy(() -> VersionReq.parse(">=1.0.0, <y"))
        .hasMessage(
            "Invalid version requirement '>=1.0.0, <y' (comparator '<y'): unexpected character"
                + " 'y' at position 1 while parsing major version number");
  }

  @Test
  void rejectsOverlongText() {
    String text = ">=1.0.0, ".repeat(200) + "<2";
    assertThatThrownBy(() -> VersionReq.parse(text))
        .hasMessage("Version requirement is 1802 characters long; at most 1024 are allowed");
  }

  private static Version randomVersion(Random random) {
    String pre =
        switch (random.nextInt(5)) {
          case 0 -> "-alpha";
          case 1 -> "-alpha." + random.nextInt(3);
          case 2 -> "-beta";
          default -> "";
        };
    return Version.parse(
        random.nextInt(3) + "." + random.nextInt(3) + "." + random.nextInt(3) + pre);
  }
}
