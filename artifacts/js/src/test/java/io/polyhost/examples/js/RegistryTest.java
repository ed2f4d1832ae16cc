package io.polyhost.examples.js;

import static io.polyhost.examples.js.Examples.ok;
import static io.polyhost.examples.js.Examples.requireProven;
import static io.polyhost.examples.js.Examples.requireServiceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.storage.Serializers;
import io.polyhost.testkit.TestKit;
import io.polyhost.testkit.TestKitExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** registry-1.0.0.mjs: a service calling the timestamping service through a child call. */
class RegistryTest {
  private static final String REPORT = TimestampingTest.sha256("annual report");

  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(Examples.artifact("timestamping-1.0.0.mjs"))
              .withArtifact(Examples.artifact("registry-1.0.0.mjs"))
              .withService("timestamping", "2:timestamping:1.0.0")
              .withService("registry", "2:registry:1.0.0"));

  @Test
  void registeringADocumentTimestampsItInTheSameTransaction(TestKit kit) {
    register(kit, "alice", "Annual report", REPORT).requireOk();

    JsonNode document = ok(kit.get("registry", "document?title=Annual%20report"));
    JsonNode stamp = ok(kit.get("timestamping", "timestamp?hash=" + REPORT)).get("timestamp");

    assertThat(document.get("document").get("hash").asString()).isEqualTo(REPORT);
    requireProven(kit, document, "registry.documents", "Annual report", "document");
    // The timestamping service saw the registry, not alice, as its caller.
    int registry = kit.instance("registry").spec().id();
    assertThat(stamp.get("caller").asString())
        .isEqualTo(new Caller.Service(registry).address().toHex());
    assertThat(stamp.get("note").asString()).isEqualTo("Annual report");
    assertThat(stamp.get("time").asLong()).isEqualTo(kit.lastBlock().time().toEpochMilli());
  }

  @Test
  void aFailingCalleeRollsTheCallerBack(TestKit kit) {
    kit.execute(
            kit.jsonTx(
                kit.keys("bob"), "timestamping", "timestamp", "{\"hash\": \"" + REPORT + "\"}"))
        .requireOk();

    ExecutionError error = register(kit, "alice", "Annual report", REPORT).requireError();

    // The callee's error is the transaction's, and it says where it came from.
    assertThat(error.code()).isEqualTo(1);
    assertThat(error.description()).startsWith("Content " + REPORT + " was timestamped already");
    assertThat(error.callSite().map(CallSite::instanceId))
        .contains(kit.instance("timestamping").spec().id());
    JsonNode document = ok(kit.get("registry", "document?title=Annual%20report"));
    assertThat(document.get("document").isNull()).isTrue();
    requireProven(kit, document, "registry.documents", "Annual report", "document");
    boolean anyDocument =
        kit.readService(
            "registry",
            d ->
                d.proofMap("documents", Serializers.string(), Serializers.string())
                    .keys()
                    .hasNext());
    assertThat(anyDocument).isFalse();
  }

  @Test
  void titlesAreUniqueAndArgumentsChecked(TestKit kit) {
    register(kit, "alice", "Minutes", REPORT).requireOk();

    requireServiceError(
        register(kit, "bob", "Minutes", TimestampingTest.sha256("other minutes")).requireError(),
        1,
        "A document titled \"Minutes\" is registered already");
    requireServiceError(
        register(kit, "bob", "", REPORT).requireError(),
        2,
        "title must be 1 to 100 letters, digits, spaces or punctuation, got \"\"");
    requireServiceError(
        register(kit, "bob", "Notes", "xyz").requireError(),
        2,
        "hash must be a SHA-256 as 64 lowercase hex digits, got \"xyz\"");
    assertThat(kit.get("registry", "document?title=%00").status()).isEqualTo(400);
  }

  @Test
  void theRegistryRefusesAConfigurationWithoutATarget(TestKit kit) {
    ArtifactId registry = ArtifactId.parse("2:registry:1.0.0");

    assertThatThrownBy(() ->
            kit.start(registry, "broken", "{\"timestamping\": 7}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("timestamping must be the name of a service instance, got 7");
  }

  private static io.polyhost.testkit.TxResult register(
      TestKit kit, String author, String title, String hash) {
    String args = "{\"title\": \"" + title + "\", \"hash\": \"" + hash + "\"}";
    return kit.execute(kit.jsonTx(kit.keys(author), "registry", "register", args));
  }
}
