package org.example.polyhost.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.Serializers;
import io.polyhost.testkit.TestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.example.polyhost.counter.proto.Counter;
import org.example.polyhost.counter.proto.Increment;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A service of counter 1.0.0 upgraded to 2.0.0: its data migrated by the script 2.0.0 ships, both
 * versions from their packaged JARs.
 */
class CounterUpgradeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ArtifactId V1 = ArtifactId.parse("1:counter:1.0.0");
  private static final ArtifactId V2 = ArtifactId.parse("1:counter:2.0.0");

  @Test
  void upgrading_to_2_0_0_turns_every_counter_into_a_record() throws Exception {
    try (TestKit kit =
        TestKit.builder()
            .withArtifact(version1Jar())
            .withService("counter", V1.toString())
            .start()) {
      // More counters than one batch of the script, so it merges and goes on at least once.
      int many = CounterMigrations.BATCH + 234;
      List<SignedTransaction> txs = new ArrayList<>();
      for (int i = 0; i < many; i++) {
        txs.add(increment(kit, "c" + i, 0));
      }
      for (int seed = 0; seed < 3; seed++) {
        txs.add(increment(kit, "visits", seed));
      }
      kit.submit(txs.toArray(SignedTransaction[]::new));
      kit.createBlock();
      assertThat(read(kit, "visits").get("value").asLong()).isEqualTo(3);

      ArtifactId v2 = kit.addArtifact(TestKit.packagedArtifact());
      kit.upgrade("counter", v2);

      InstanceState state = kit.instance("counter");
      assertThat(v2).isEqualTo(V2);
      assertThat(state.spec().artifact()).isEqualTo(V2);
      assertThat(state.status()).contains(new InstanceStatus.Active());
      assertThat(state.effectiveDataVersion()).isEqualTo(Version.parse("2.0.0"));
      Map<String, Counter> migrated = allCounters(kit);
      assertThat(migrated).hasSize(many + 1);
      assertThat(migrated.get("visits")).isEqualTo(Counter.newBuilder().setValue(3).build());
      assertThat(migrated.values())
          .allSatisfy(c -> assertThat(c.hasUpdatedAt()).as("1.0.0 knew no times").isFalse());
      assertThat(migrated.entrySet())
          .filteredOn(e -> e.getKey().startsWith("c"))
          .allSatisfy(e -> assertThat(e.getValue().getValue()).isEqualTo(1));

      // The migrated data is proven like any other, in the new layout.
      JsonNode visits = read(kit, "visits");
      assertThat(visits.get("updated_at").isNull()).isTrue();
      assertThat(
              StateProof.fromHex(visits.get("proof").asString())
                  .verifyMap(kit.validatorKeys())
                  .value("visits", Serializers.string(), CounterSchema.RECORDS))
          .contains(Counter.newBuilder().setValue(3).build());

      // 1.0.0's clients go on working: increment keeps its id and message.
      kit.execute(increment(kit, "visits", 99)).requireOk();
      JsonNode after = read(kit, "visits");
      assertThat(after.get("value").asLong()).isEqualTo(4);
      assertThat(after.get("updated_at").asString()).isEqualTo(kit.lastBlock().time().toString());
    }
  }

  private static Map<String, Counter> allCounters(TestKit kit) {
    return kit.readService(
        "counter",
        data -> {
          Map<String, Counter> out = new TreeMap<>();
          Iterator<Map.Entry<String, Counter>> entries = CounterSchema.counters(data).entries();
          entries.forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
          return out;
        });
  }

  private static SignedTransaction increment(TestKit kit, String name, long seed) {
    return kit.tx(
        kit.keys("alice"),
        "counter",
        "increment",
        Increment.newBuilder().setName(name).setSeed(seed).build());
  }

  private static JsonNode read(TestKit kit, String name) throws Exception {
    return JSON.readTree(kit.get("counter", "counter?name=" + name).json());
  }

  private static Path version1Jar() {
    String name = System.getProperty("polyhost.counter.v1.jar");
    if (name == null || !Files.isRegularFile(Path.of(name))) {
      throw new IllegalStateException(
          "Counter 1.0.0's JAR ("
              + name
              + ") is missing: build both versions through the reactor,"
              + " e.g. ./mvnw -pl artifacts/java/counter-v2 -am verify");
    }
    return Path.of(name);
  }
}
