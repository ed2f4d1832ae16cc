package org.example.polyhost.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.storage.Serializers;
import io.polyhost.testkit.TestKit;
import io.polyhost.testkit.TestKitExtension;
import java.time.Instant;
import org.example.polyhost.counter.proto.Counter;
import org.example.polyhost.counter.proto.Increment;
import org.example.polyhost.counter.proto.Reset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Counter 2.0.0 started fresh from its packaged JAR. */
class CounterIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(TestKit.packagedArtifact())
              .withService("counter", "counter"));

  @Test
  void a_counter_records_the_time_of_its_last_change(TestKit kit) throws Exception {
    Instant time = Instant.parse("2026-05-01T08:30:00Z");
    kit.setNextBlockTime(time);
    kit.execute(increment(kit, "visits", 1)).requireOk();
    kit.execute(increment(kit, "visits", 2)).requireOk();

    JsonNode visits = read(kit, "visits");
    Counter proven =
        StateProof.fromHex(visits.get("proof").asString())
            .verifyMap(kit.validatorKeys())
            .value("visits", Serializers.string(), CounterSchema.RECORDS)
            .orElseThrow();

    assertThat(visits.get("value").asLong()).isEqualTo(2);
    assertThat(visits.get("updated_at").asString()).isEqualTo(time.plusSeconds(1).toString());
    assertThat(proven.getValue()).isEqualTo(2);
    assertThat(proven.getUpdatedAt().getSeconds()).isEqualTo(time.getEpochSecond() + 1);
  }

  @Test
  void reset_sets_an_existing_counter_to_zero(TestKit kit) throws Exception {
    kit.execute(increment(kit, "visits", 1)).requireOk();

    kit.execute(reset(kit, "visits", 1)).requireOk();
    ExecutionError unknown = kit.execute(reset(kit, "nothing", 1)).requireError();
    ExecutionError unnamed = kit.execute(reset(kit, "", 1)).requireError();

    assertThat(read(kit, "visits").get("value").asLong()).isZero();
    assertThat(unknown.is(CounterError.UNKNOWN_COUNTER)).as(unknown.toString()).isTrue();
    assertThat(unknown.description()).contains("no counter named \"nothing\"");
    assertThat(unnamed.is(CounterError.INVALID_NAME)).as(unnamed.toString()).isTrue();
    assertThat(read(kit, "nothing").get("updated_at").isNull()).isTrue();
  }

  private static SignedTransaction increment(TestKit kit, String name, long seed) {
    return kit.tx(
        kit.keys("alice"),
        "counter",
        "increment",
        Increment.newBuilder().setName(name).setSeed(seed).build());
  }

  private static SignedTransaction reset(TestKit kit, String name, long seed) {
    return kit.tx(
        kit.keys("alice"),
        "counter",
        "reset",
        Reset.newBuilder().setName(name).setSeed(seed).build());
  }

  private static JsonNode read(TestKit kit, String name) throws Exception {
    EndpointResponse response = kit.get("counter", "counter?name=" + name);
    assertThat(response.status()).as(response.json()).isEqualTo(200);
    return JSON.readTree(response.json());
  }
}
