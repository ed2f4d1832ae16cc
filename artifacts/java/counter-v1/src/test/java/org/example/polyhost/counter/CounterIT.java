package org.example.polyhost.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.storage.Serializers;
import io.polyhost.testkit.TestKit;
import io.polyhost.testkit.TestKitExtension;
import java.util.Optional;
import org.example.polyhost.counter.proto.Increment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Counter 1.0.0 as a node runs it: the packaged JAR, deployed in the genesis block. */
class CounterIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(TestKit.packagedArtifact())
              .withService("counter", "counter"));

  @Test
  void increments_count_and_the_count_is_read_with_its_proof(TestKit kit) throws Exception {
    for (int seed = 0; seed < 3; seed++) {
      kit.execute(increment(kit, "visits", seed)).requireOk();
    }
    kit.execute(increment(kit, "likes", 0)).requireOk();

    JsonNode visits = read(kit, "visits");
    Optional<Long> proven =
        StateProof.fromHex(visits.get("proof").asString())
            .verifyMap(kit.validatorKeys())
            .value("visits", Serializers.string(), Serializers.int64());

    assertThat(visits.get("value").asLong()).isEqualTo(3);
    assertThat(proven).contains(3L);
    assertThat(read(kit, "likes").get("value").asLong()).isEqualTo(1);
    assertThat(read(kit, "nothing").get("value").asLong()).isZero();
  }

  @Test
  void names_must_have_1_to_64_characters(TestKit kit) throws Exception {
    ExecutionError empty = kit.execute(increment(kit, "", 0)).requireError();
    ExecutionError longName = kit.execute(increment(kit, "n".repeat(65), 0)).requireError();
    EndpointResponse unnamed = kit.get("counter", "counter");

    assertThat(empty.is(CounterError.INVALID_NAME)).as(empty.toString()).isTrue();
    assertThat(empty.description()).contains("1 to 64 characters, got 0");
    assertThat(longName.is(CounterError.INVALID_NAME)).as(longName.toString()).isTrue();
    assertThat(unnamed.status()).isEqualTo(400);
    assertThat(JSON.readTree(unnamed.json()).get("error").asString()).contains("counter?name=");
  }

  private static io.polyhost.api.message.SignedTransaction increment(
      TestKit kit, String name, long seed) {
    return kit.tx(
        kit.keys("alice"),
        "counter",
        "increment",
        Increment.newBuilder().setName(name).setSeed(seed).build());
  }

  private static JsonNode read(TestKit kit, String name) throws Exception {
    EndpointResponse response = kit.get("counter", "counter?name=" + name);
    assertThat(response.status()).as(response.json()).isEqualTo(200);
    return JSON.readTree(response.json());
  }
}
