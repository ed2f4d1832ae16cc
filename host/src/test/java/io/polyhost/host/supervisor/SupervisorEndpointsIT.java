package io.polyhost.host.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.host.cli.LaunchedNode;
import io.polyhost.host.config.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervisor's REST endpoints one by one on a real single-validator node (reference:
 * config_api.rs and supervisor_config_api), including what a mistaken request gets back.
 */
class SupervisorEndpointsIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  LaunchedNode node;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    node =
        LaunchedNode.start(
            NodeConfig.defaults()
                .withDataDir(dir.resolve("data"))
                .withArtifactsDir(dir.resolve("artifacts"))
                .withPublicPort(0)
                .withPrivatePort(0));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void test_consensus_config_api() throws Exception {
    JsonNode config = call(true, "GET", "consensus-config", null, 200);
    assertThat(config.get("validator_keys")).hasSize(1);
    assertThat(config.get("validator_keys").get(0).get("service_key").asString())
        .isEqualTo(node.node().serviceKey().toHex());
    assertThat(config.get("txs_block_limit").asInt()).isEqualTo(1000);
  }

  @Test
  void supervisor_config_api() throws Exception {
    assertThat(call(false, "GET", "supervisor-config", null, 200).get("mode").asString())
        .isEqualTo("simple");
  }

  @Test
  void test_configuration_number() throws Exception {
    assertThat(call(false, "GET", "configuration-number", null, 200).asLong()).isZero();
  }

  @Test
  void test_send_proposal_with_api_and_config_proposal_api() throws Exception {
    assertThat(call(true, "GET", "config-proposal", null, 200).isNull()).isTrue();
    long at = node.node().blockchain().height() + 1000;
    JsonNode sent =
        call(
            false,
            "POST",
            "propose-config",
            "{\"actual_from\":"
                + at
                + ",\"configuration_number\":0,\"changes\":[{\"service\":"
                + "{\"instance_id\":0,\"params\":\"CAE=\"}}]}",
            200);
    assertThat(sent.get("tx_hash").asString()).hasSize(64);
    JsonNode proposal = await("config-proposal", p -> !p.isNull());
    assertThat(proposal.get("config_propose").get("actual_from").asString())
        .isEqualTo(Long.toString(at));
    assertThat(proposal.get("propose_hash").asString()).hasSize(64);
    assertThat(call(false, "GET", "configuration-number", null, 200).asLong()).isEqualTo(1);

    // test_confirm_proposal_with_api: the node signs the vote; as the proposer it was refused.
    JsonNode vote =
        call(
            false,
            "POST",
            "confirm-config",
            "{\"propose_hash\":\"" + proposal.get("propose_hash").asString() + "\"}",
            200);
    assertThat(vote.get("tx_hash").asString()).hasSize(64);
  }

  @Test
  void a_protobuf_body_is_accepted_like_json() throws Exception {
    byte[] propose =
        io.polyhost.supervisor.proto.ConfigPropose.newBuilder()
            .setActualFrom(node.node().blockchain().height() + 500)
            .addChanges(Proposals.serviceConfig(0, new byte[] {8, 1}))
            .build()
            .toByteArray();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + node.privatePort()
                            + "/api/services/supervisor/propose-config"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(propose))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode proposal = await("config-proposal", p -> !p.isNull());
    assertThat(proposal.get("config_propose").get("changes").get(0).has("service")).isTrue();
  }

  @Test
  void test_services_api_lists_the_supervisor() throws Exception {
    JsonNode services = call(true, "GET", "services", null, 200);
    assertThat(services.get("services").get(0).get("spec").get("name").asString())
        .isEqualTo("supervisor");
    assertThat(services.get("services").get(0).get("status").get("type").asString())
        .isEqualTo("active");
  }

  @Test
  void not_requested_deploy_status_is_404_and_a_bad_query_400() throws Exception {
    JsonNode missing =
        call(false, "GET", "deploy-status?artifact=2:nothing:1.0.0&deadline_height=10", null, 404);
    assertThat(missing.get("detail").asString()).contains("check artifact, spec");
    JsonNode bad =
        call(false, "GET", "deploy-status?artifact=nonsense&deadline_height=10", null, 400);
    assertThat(bad.get("detail").asString()).contains("runtimeId:name:version");
    JsonNode noDeadline =
        call(false, "GET", "migration-status?new_artifact=1:x:1.0.0&service=x", null, 400);
    assertThat(noDeadline.get("detail").asString()).contains("deadline_height is missing");
  }

  @Test
  void a_malformed_body_gets_400_with_the_reason() throws Exception {
    JsonNode notJson = call(false, "POST", "deploy-artifact", "{oops", 400);
    assertThat(notJson.get("detail").asString()).contains("not valid JSON");
    JsonNode wrongField = call(false, "POST", "deploy-artifact", "{\"artefact\":1}", 400);
    assertThat(wrongField.get("detail").asString()).contains("artefact");
    JsonNode badArtifact = call(false, "POST", "deploy-artifact", "{\"artifact\":\"x\"}", 400);
    assertThat(badArtifact.get("detail").asString()).contains("runtimeId:name:version");
  }

  @Test
  void deploying_an_artifact_that_is_not_in_the_folder_is_404() throws Exception {
    JsonNode response =
        call(false, "POST", "deploy-artifact", "{\"artifact\":\"2:ghost:1.0.0\"}", 404);
    assertThat(response.get("detail").asString()).contains("No file in the artifacts folder");
  }

  @Test
  void available_artifacts_explain_unusable_files() throws Exception {
    Path folder = dir.resolve("artifacts");
    Files.writeString(folder.resolve("notes.txt"), "hello");
    Files.writeString(folder.resolve("broken.mjs"), "export const service = {};");
    Files.writeString(
        folder.resolve("ok.mjs"),
        "export const artifact = { name: \"ok\", version: \"1.0.0\" };\n"
            + "export const service = { transactions: {} };\n",
        StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(".hidden.mjs"), "ignored");
    JsonNode files = await("available-artifacts", list -> list.size() == 3);
    assertThat(files.get(0).get("file").asString()).isEqualTo("broken.mjs");
    assertThat(files.get(0).get("problem").asString()).contains("declares no artifact");
    assertThat(files.get(1).get("file").asString()).isEqualTo("notes.txt");
    assertThat(files.get(1).get("problem").asString()).contains("not an artifact file");
    assertThat(files.get(2).get("artifact").asString()).isEqualTo("2:ok:1.0.0");
    assertThat(files.get(2).get("sha256").asString()).hasSize(64);
    assertThat(files.get(2).get("deployed").asBoolean()).isFalse();
  }

  @Test
  void deploy_and_start_of_an_unknown_artifact_is_404() throws Exception {
    JsonNode response =
        call(false, "POST", "deploy-and-start", "{\"artifact\":\"1:ghost:1.0.0\"}", 404);
    assertThat(response.get("detail").asString()).contains("available: []");
  }

  @Test
  void deploy_and_start_refuses_a_timeout_that_is_not_a_positive_whole_number() throws Exception {
    for (String timeout : new String[] {"0", "-5", "2.5", "\"soon\"", "true", "99999"}) {
      JsonNode response =
          call(
              false,
              "POST",
              "deploy-and-start",
              "{\"artifact\":\"1:ghost:1.0.0\",\"timeout_seconds\":" + timeout + "}",
              400);
      assertThat(response.get("detail").asString())
          .as(timeout)
          .contains("\"timeout_seconds\" is a whole number of seconds from 1 to 3600, got");
    }
  }

  @Test
  void the_private_endpoints_are_not_on_the_public_listener() throws Exception {
    call(true, "POST", "deploy-artifact", "{\"artifact\":\"2:x:1.0.0\"}", 405);
  }

  private JsonNode await(String path, java.util.function.Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = call(false, "GET", path, null, 200);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(path + " never reached the expected state: " + last);
  }

  private JsonNode call(boolean publicListener, String method, String path, String body, int status)
      throws Exception {
    int port = publicListener ? node.publicPort() : node.privatePort();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/services/supervisor/" + path));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }
}
