package io.polyhost.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {
  /** Valid strings from the semver.org test list (those whose numbers fit a long). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.4",
        "1.2.3",
        "10.20.30",
        "1.1.2-prerelease+meta",
        "1.1.2+meta",
        "1.1.2+meta-valid",
        "1.0.0-alpha",
        "1.0.0-beta",
        "1.0.0-alpha.beta",
        "1.0.0-alpha.beta.1",
        "1.0.0-alpha.1",
        "1.0.0-alpha0.valid",
        "1.0.0-alpha.0valid",
        "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay",
        "1.0.0-rc.1+build.1",
        "2.0.0-rc.1+build.123",
        "1.2.3-beta",
        "10.2.3-DEV-SNAPSHOT",
        "1.2.3-SNAPSHOT-123",
        "2.0.0+build.1848",
        "2.0.1-alpha.1227",
        "1.0.0-alpha+beta",
        "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
        "1.2.3----R-S.12.9.1--.12+meta",
        "1.2.3----RC-SNAPSHOT.12.9.1--.12",
        "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
        "1.0.0-0A.is.legal",
        "9223372036854775807.0.0"
      })
  void parsesValidVersionsAndPrintsThemBack(String text) {
    assertThat(Version.parse(text)).hasToString(text);
  }

  /** Invalid strings from the semver.org test list, plus partial and padded forms. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "1.2",
        "1.2.3-0123",
        "1.2.3-0123.0123",
        "1.1.2+.123",
        "+invalid",
        "-invalid",
        "-invalid+invalid",
        "-invalid.01",
        "alpha",
        "alpha.beta",
        "alpha.beta.1",
        "alpha.1",
        "alpha+beta",
        "alpha_beta",
        "alpha.",
        "alpha..",
        "beta",
        "1.0.0-alpha_beta",
        "-alpha.",
        "1.0.0-alpha..",
        "1.0.0-alpha..1",
        "1.0.0-alpha...1",
        "01.1.1",
        "1.01.1",
        "1.1.01",
        "1.2.3.DEV",
        "1.2-SNAPSHOT",
        "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788",
        "1.2-RC-SNAPSHOT",
        "-1.0.3-gamma+b7718",
        "+justmeta",
        "9.8.7+meta+meta",
        "9.8.7-whatever+meta+meta",
        "99999999999999999999999.999999999999999999.99999999999999999",
        "1.x.0",
        "1.0.0-",
        "1.0.0+",
        "v1.0.0",
        " 1.0.0",
        "1.0.0 ",
        ""
      })
  void rejectsInvalidVersions(String text) {
    assertThatThrownBy(() -> Version.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid version '" + text + "': ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1|unexpected end of input after major version number, expected '.'",
        "3.141593|unexpected end of input after minor version number, expected '.'",
        "what_are_versions|unexpected character 'w' at position 0 while parsing major version"
            + " number",
        "1.x.0|unexpected character 'x' at position 2 while parsing minor version number",
        "1.0.x|unexpected character 'x' at position 4 while parsing patch version number",
        "1.0.0:garbage|unexpected character ':' at position 5 after patch version number",
        "01.0.0|major version number '01' must not have leading zeros",
        "1.0.0-01|Numeric pre-release identifier '01' must not have leading zeros",
        "1.0.0-a..b|empty pre-release identifier at position 8",
        "1.0.0+|empty build metadata identifier at the end",
        "1.0.0-a_b|unexpected character '_' at position 7 in pre-release",
        "1.0.0+b+c|unexpected character '+' at position 7 in build metadata",
        "99999999999999999999.0.0|major version number '99999999999999999999' is too large; at"
            + " most 9223372036854775807"
      })
  void errorMessagesSayWhatAndWhere(String text, String problem) {
    assertThatThrownBy(() -> Version.parse(text))
        .hasMessage("Invalid version '" + text + "': " + problem);
  }

  @Test
  void rejectsOverlongText() {
    String text = "1.0.0-" + "a".repeat(Version.MAX_LENGTH);
    assertThatThrownBy(() -> Version.parse(text))
        .hasMessage("Version is 262 characters long; at most 256 are allowed");
  }

  @Test
  void precedenceFollowsTheSemverExampleChains() {
    assertStrictlyIncreasing(
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "2.0.0",
        "2.1.0",
        "2.1.1");
  }

  @Test
  void numericIdentifiersCompareByValueWhateverTheirSize() {
    assertStrictlyIncreasing(
        "1.0.0-2",
        "1.0.0-10",
        "1.0.0-99999999999999999999999",
        "1.0.0-100000000000000000000000",
        "1.0.0-0a", // alphanumeric: above every numeric identifier
        "1.0.0-A",
        "1.0.0-a",
        "1.0.0-a.0",
        "1.0.0-b");
  }

  @Test
  void buildMetadataDoesNotChangePrecedenceButDoesChangeEquality() {
    Version plain = Version.parse("1.0.0");
    Version a = Version.parse("1.0.0+a");
    Version b = Version.parse("1.0.0+b");
    assertThat(a.comparePrecedence(b)).isZero();
    assertThat(plain.comparePrecedence(a)).isZero();
    assertThat(a).isNotEqualTo(b).isNotEqualTo(plain);
    // compareTo agrees with equals: a total order with build metadata as the last tie-breaker.
    assertThat(plain).isLessThan(a);
    assertThat(a).isLessThan(b);
    assertThat(Version.parse("1.0.0+a")).isEqualByComparingTo(a).isEqualTo(a);
    assertThat(Version.parse("1.0.0-rc.1+z")).isLessThan(plain);
  }

  @Test
  void constructorValidatesAndCopies() {
    List<String> pre = new ArrayList<>(List.of("rc", "1"));
    Version v = new Version(1, 2, 3, pre, List.of("007"));
    pre.set(0, "zz");
    assertThat(v).hasToString("1.2.3-rc.1+007");
    assertThat(v.isPreRelease()).isTrue();
    assertThat(Version.of(1, 2, 3).isPreRelease()).isFalse();
    assertThatThrownBy(() -> Version.of(1, -2, 3))
        .hasMessage("Version numbers must not be negative: 1.-2.3");
    assertThatThrownBy(() -> new Version(1, 0, 0, List.of("01"), List.of()))
        .hasMessage("Numeric pre-release identifier '01' must not have leading zeros");
    assertThatThrownBy(() -> new Version(1, 0, 0, List.of(""), List.of()))
        .hasMessage("Empty pre-release identifier");
    assertThatThrownBy(() -> new Version(1, 0, 0, List.of(), List.of("a b")))
        .hasMessage(
            "Invalid build metadata identifier 'a b': ' ' is not allowed (only 0-9, A-Z, a-z and"
                + " '-')");
  }

  @Test
  void randomVersionsOrderConsistentlyAndRoundTrip() {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    List<Version> versions = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      versions.add(randomVersion(random));
    }
    for (Version a : versions) {
      assertThat(Version.parse(a.toString())).as("seed=%d", seed).isEqualTo(a);
      for (Version b : versions) {
        int ab = a.compareTo(b);
        assertThat(Integer.signum(ab))
            .as("seed=%d: %s vs %s", seed, a, b)
            .isEqualTo(-Integer.signum(b.compareTo(a)));
        assertThat(ab == 0).as("seed=%d: %s vs %s", seed, a, b).isEqualTo(a.equals(b));
        if (a.comparePrecedence(b) != 0) {
          assertThat(Integer.signum(ab))
              .as("seed=%d: %s vs %s", seed, a, b)
              .isEqualTo(Integer.signum(a.comparePrecedence(b)));
        }
      }
    }
    List<Version> sorted = versions.stream().sorted().toList();
    for (int i = 0; i + 2 < sorted.size(); i++) {
      assertThat(sorted.get(i).compareTo(sorted.get(i + 2)))
          .as("seed=%d: transitivity at %d", seed, i)
          .isLessThanOrEqualTo(0);
    }
  }

  private static Version randomVersion(Random random) {
    String[] words = {"alpha", "beta", "rc", "0a", "A", "x-y"};
    List<String> pre = new ArrayList<>();
    List<String> build = new ArrayList<>();
    int preLength = random.nextInt(4) == 0 ? 0 : random.nextInt(3);
    for (int i = 0; i < preLength; i++) {
      pre.add(
          random.nextBoolean()
              ? words[random.nextInt(words.length)]
              : Integer.toString(random.nextInt(12)));
    }
    for (int i = random.nextInt(3) == 0 ? random.nextInt(3) : 0; i > 0; i--) {
      build.add(random.nextBoolean() ? "b" + random.nextInt(3) : "00" + random.nextInt(3));
    }
    return new Version(random.nextInt(3), random.nextInt(3), random.nextInt(3), pre, build);
  }

  private static void assertStrictlyIncreasing(String... texts) {
    for (int i = 0; i < texts.length; i++) {
      for (int j = 0; j < texts.length; j++) {
        Version a = Version.parse(texts[i]);
        Version b = Version.parse(texts[j]);
        assertThat(Integer.signum(a.comparePrecedence(b)))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.compare(i, j));
        assertThat(Integer.signum(a.compareTo(b)))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.compare(i, j));
      }
    }
  }
}
