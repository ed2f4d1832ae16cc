package io.polyhost.examples.js;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.proof.VerifiedMapProof;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.storage.Serializers;
import io.polyhost.testkit.TestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The example artifacts as the build packaged them, and the checks their tests share. */
final class Examples {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Examples() {}

  /** An artifact file as the build made it (the same bytes package copies to the node's folder). */
  static Path artifact(String file) {
    Path dir = Path.of(System.getProperty("polyhost.examples.dir", "target/artifacts"));
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          path
              + " is missing: build the module with Maven, whose process-resources phase makes it");
    }
    return path;
  }

  /** Checks that a transaction failed with service error {@code code} and {@code description}. */
  static void requireServiceError(ExecutionError error, int code, String description) {
    assertThat(error.kind()).as("kind of %s", error).isEqualTo(ErrorKind.SERVICE);
    assertThat(error.code()).as("code of %s", error).isEqualTo(code);
    assertThat(error.description()).isEqualTo(description);
  }

  /** The JSON of a 200 answer. */
  static JsonNode ok(EndpointResponse response) {
    assertThat(response.status()).as("status of %s", response.json()).isEqualTo(200);
    return JSON.readTree(response.json());
  }

  static JsonNode parse(String json) {
    return JSON.readTree(json);
  }

  /**
   * Verifies the answer's {@code "proof"} against the kit's validators and checks that it proves
   * what the answer says: {@code field} is the proven value of {@code key} in index {@code
   * indexName}, or JSON null and the key proven absent.
   */
  static VerifiedMapProof requireProven(
      TestKit kit, JsonNode answer, String indexName, String key, String field) {
    StateProof proof = StateProof.fromHex(answer.get("proof").asString());
    VerifiedMapProof verified = proof.verifyMap(kit.validatorKeys());
    assertThat(proof.indexName()).isEqualTo(indexName);
    assertThat(proof.blockProof().block().height()).isEqualTo(kit.height());
    var proven = verified.value(key, Serializers.string(), Serializers.string());
    if (answer.get(field).isNull()) {
      assertThat(proven).as("absence of %s", key).isEmpty();
      assertThat(verified.missing(Serializers.string())).containsExactly(key);
    } else {
      assertThat(proven.map(Examples::parse)).as("proven %s", key).contains(answer.get(field));
    }
    return verified;
  }
}
