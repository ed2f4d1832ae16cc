package io.polyhost.examples.js;

import static io.polyhost.examples.js.Examples.ok;
import static io.polyhost.examples.js.Examples.requireProven;
import static io.polyhost.examples.js.Examples.requireServiceError;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.Serializers;
import io.polyhost.testkit.TestKit;
import io.polyhost.testkit.TestKitExtension;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** counter-1.0.0.mjs and counter-2.0.0.mjs: a new storage layout and the migration to it. */
class CounterTest {
  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(Examples.artifact("counter-1.0.0.mjs"))
              .withService("counter", "2:counter:1.0.0"));

  @Test
  void version1CountsAndRefusesBadSteps(TestKit kit) {
    increment(kit, "alice", "{}");
    increment(kit, "bob", "{\"by\": 5}");

    assertThat(ok(kit.get("counter", "value")).asLong()).isEqualTo(6);
    for (String by : List.of("0", "-1", "1.5", "\"2\"", "1000001")) {
      requireServiceError(
          kit.execute(kit.jsonTx(kit.keys("carol"), "counter", "increment", "{\"by\": " + by + "}"))
              .requireError(),
          1,
          "by must be a whole number from 1 to 1000000, got " + by);
    }
    assertThat(ok(kit.get("counter", "value")).asLong()).isEqualTo(6);
  }

  @Test
  void upgradingTo2MovesTheCountIntoNamedCountersWithProofs(TestKit kit) {
    increment(kit, "alice", "{\"by\": 40}");
    increment(kit, "bob", "{\"by\": 2}");
    ArtifactId two = kit.addArtifact(Examples.artifact("counter-2.0.0.mjs"));

    kit.upgrade("counter", two);

    assertThat(kit.instance("counter").spec().artifact()).isEqualTo(two);
    assertThat(kit.instance("counter").status()).contains(new InstanceStatus.Active());
    assertThat(kit.instance("counter").effectiveDataVersion()).isEqualTo(Version.parse("2.0.0"));
    JsonNode migrated = ok(kit.get("counter", "value"));
    assertThat(migrated.get("name").asString()).isEqualTo("default");
    assertThat(migrated.get("value").asLong()).isEqualTo(42);
    requireProven(kit, migrated, "counter.counters", "default", "value");
    // The old layout is gone: its entry was tombstoned by the migration.
    Optional<String> oldValue =
        kit.readService("counter", d -> d.entry("value", Serializers.string()).get());
    assertThat(oldValue).isEmpty();

    // Version 1's clients still work (they count "default"), and named counters are new.
    increment(kit, "carol", "{}");
    increment(kit, "carol", "{\"name\": \"apples\", \"by\": 3}");
    assertThat(ok(kit.get("counter", "value")).get("value").asLong()).isEqualTo(43);
    JsonNode apples = ok(kit.get("counter", "value?name=apples"));
    assertThat(apples.get("value").asLong()).isEqualTo(3);
    requireProven(kit, apples, "counter.counters", "apples", "value");
  }

  @Test
  void version2RefusesBadNamesAndProvesCountersNeverIncremented(TestKit kit) {
    ArtifactId two = kit.addArtifact(Examples.artifact("counter-2.0.0.mjs"));
    kit.deploy(two);
    kit.start(two, "counters", new byte[0]);

    requireServiceError(
        kit.execute(kit.jsonTx(kit.keys("a"), "counters", "increment", "{\"name\": \"Pears!\"}"))
            .requireError(),
        1,
        "name must be 1 to 32 lowercase letters, digits or dashes, got \"Pears!\"");
    JsonNode pears = ok(kit.get("counters", "value?name=pears"));
    assertThat(pears.get("value").asLong()).isZero();
    // Zero is what the endpoint says for a counter it does not hold, which the proof shows.
    var verified =
        io.polyhost.api.blockchain.StateProof.fromHex(pears.get("proof").asString())
            .verifyMap(kit.validatorKeys());
    assertThat(verified.missing(Serializers.string())).containsExactly("pears");
    assertThat(kit.get("counters", "value?name=P").status()).isEqualTo(400);
  }

  private static void increment(TestKit kit, String author, String json) {
    kit.execute(kit.jsonTx(kit.keys(author), "counter", "increment", json)).requireOk();
  }
}
