package io.polyhost.host.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.cli.LaunchedNode;
import io.polyhost.host.config.NodeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole administrator's flow over REST on a real node, for a Java and a JavaScript service:
 * drop the files into the artifacts folder, deploy, start, send transactions, freeze, resume, stop,
 * migrate to v2, resume, unload v1 — checking deploy and migration status on the way.
 */
class SupervisorApiIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  LaunchedNode node;
  final HttpClient http = HttpClient.newHttpClient();
  final KeyPair user = KeyPair.fromSeed(new byte[32]);
  int nonce;

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
  void java_service_lifecycle_over_rest() throws Exception {
    drop("counter-1.jar", E2eArtifacts.javaJar(E2eArtifacts.JAVA_V1));
    drop("counter-2.jar", E2eArtifacts.javaJar(E2eArtifacts.JAVA_V2));
    lifecycle(E2eArtifacts.JAVA_V1, E2eArtifacts.JAVA_V2, "counter", true, "counter-1.jar");
  }

  @Test
  void javascript_service_lifecycle_over_rest() throws Exception {
    drop("e2e-1.mjs", E2eArtifacts.jsModule(E2eArtifacts.JS_V1).getBytes(StandardCharsets.UTF_8));
    drop("e2e-2.mjs", E2eArtifacts.jsModule(E2eArtifacts.JS_V2).getBytes(StandardCharsets.UTF_8));
    lifecycle(E2eArtifacts.JS_V1, E2eArtifacts.JS_V2, "jscounter", false, "e2e-1.mjs");
  }

  private void lifecycle(ArtifactId v1, ArtifactId v2, String name, boolean java, String v1File)
      throws Exception {
    JsonNode available =
        awaitJson("available-artifacts", list -> contains(list, v1) && contains(list, v2));
    assertThat(find(available, v1).get("deployed").asBoolean()).isFalse();

    // Deploy v1 and start it in one call (simple mode).
    JsonNode started =
        post("deploy-and-start", "{\"artifact\":\"" + v1 + "\",\"name\":\"" + name + "\"}", 200);
    assertThat(started.get("instance_name").asString()).isEqualTo(name);
    int id = started.get("instance_id").asInt();
    assertThat(get(relative(started.get("deploy_status_url").asString()), 200).asString())
        .isEqualTo("succeed");
    assertThat(find(get("available-artifacts", 200), v1).get("deployed").asBoolean()).isTrue();

    // Deleting the file of a deployed artifact does not disturb the running service.
    Files.delete(dir.resolve("artifacts").resolve(v1File));
    awaitJson("available-artifacts", list -> !contains(list, v1));
    inc(id, 2);
    assertThat(count(name, java)).isEqualTo(2);

    change("{\"freeze_service\":{\"instance_id\":" + id + "}}");
    awaitStatus(name, "frozen");
    change("{\"resume_service\":{\"instance_id\":" + id + "}}");
    awaitStatus(name, "active");
    inc(id, 1);
    assertThat(count(name, java)).isEqualTo(3);
    change("{\"stop_service\":{\"instance_id\":" + id + "}}");
    awaitStatus(name, "stopped");

    // Deploy v2 with the plain deploy endpoint and follow its status.
    JsonNode deploy = post("deploy-artifact", "{\"artifact\":\"" + v2 + "\"}", 200);
    assertThat(deploy.get("tx_hash").asString()).hasSize(64);
    awaitJson(
        relative(deploy.get("status_url").asString()),
        s -> s.isString() && s.asString().equals("succeed"));

    {
      // v1 → v2 runs the migration script (×10), then a fast-forward moves the service to v2.
      JsonNode migrate =
          post("migrate", "{\"new_artifact\":\"" + v2 + "\",\"service\":\"" + name + "\"}", 200);
      JsonNode state =
          awaitJson(
              relative(migrate.get("status_url").asString()),
              s -> !s.get("state").isString() || !s.get("state").asString().equals("pending"));
      assertThat(state.get("state").asString()).isEqualTo("succeed");
      assertThat(state.get("version").asString()).isEqualTo("2.0.0");
    }
    JsonNode forward =
        post(
            "migrate",
            "{\"new_artifact\":\"" + v2 + "\",\"service\":\"" + name + "\",\"seed\":1}",
            200);
    JsonNode done =
        awaitJson(
            relative(forward.get("status_url").asString()),
            s -> s.get("state").isString() && !s.get("state").asString().equals("pending"));
    assertThat(done.get("state").asString()).isEqualTo("succeed");

    change("{\"resume_service\":{\"instance_id\":" + id + "}}");
    awaitStatus(name, "active");
    inc(id, 1);
    assertThat(count(name, java)).isEqualTo(40);

    change("{\"unload_artifact\":{\"artifact_id\":\"" + v1 + "\"}}");
    JsonNode services = get("services", 200);
    assertThat(services.get("artifacts").toString()).doesNotContain("\"version\":\"1.0.0\"");
    assertThat(find(get("available-artifacts", 200), v2).get("deployed").asBoolean()).isTrue();
  }

  private void change(String changeJson) throws Exception {
    long number = get("configuration-number", 200).asLong();
    JsonNode response =
        post(
            "propose-config",
            "{\"actual_from\":0,\"configuration_number\":"
                + number
                + ",\"changes\":["
                + changeJson
                + "]}",
            200);
    String tx = response.get("tx_hash").asString();
    JsonNode status =
        awaitPublic(
            "/api/explorer/v1/transactions?hash=" + tx,
            t -> t.has("type") && t.get("type").asString().equals("committed"));
    assertThat(status.get("status").get("type").asString())
        .as(status.toString())
        .isEqualTo("success");
  }

  private void awaitStatus(String name, String status) throws Exception {
    awaitJson(
        "services",
        s -> {
          for (JsonNode service : s.get("services")) {
            if (service.get("spec").get("name").asString().equals(name)) {
              return service.get("status").get("type").asString().equals(status);
            }
          }
          return false;
        });
  }

  private void inc(int instanceId, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      AnyTxProto tx =
          AnyTxProto.newBuilder()
              .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(0))
              .setArguments(ByteString.copyFromUtf8("{\"n\":" + (nonce++) + "}"))
              .build();
      byte[] bytes = SignedMessage.sign(user, tx).bytes();
      JsonNode submitted =
          JSON.readTree(
              send(
                  HttpRequest.newBuilder(publicUri("/api/explorer/v1/transactions"))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"tx_body\":\"" + HexFormat.of().formatHex(bytes) + "\"}")),
                  200));
      String hash = submitted.get("tx_hash").asString();
      JsonNode status =
          awaitPublic(
              "/api/explorer/v1/transactions?hash=" + hash,
              t -> t.has("type") && t.get("type").asString().equals("committed"));
      assertThat(status.get("status").get("type").asString())
          .as(status.toString())
          .isEqualTo("success");
    }
  }

  private long count(String name, boolean java) {
    return node.node()
        .blockchain()
        .readState(s -> {
          var data = s.forService(InstanceQuery.name(name)).orElseThrow();
          return java
              ? data.entry("count", Serializers.int64()).get().orElse(0L)
              : Long.parseLong(data.entry("count", Serializers.string()).get().orElse("0"));
        });
  }

  private void drop(String file, byte[] content) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("artifacts"));
    // As a careful user would: write beside, then rename into place atomically.
    Path temp = folder.resolve("." + file + ".tmp");
    Files.write(temp, content);
    Files.move(temp, folder.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean contains(JsonNode list, ArtifactId artifact) {
    return find(list, artifact) != null;
  }

  private static @org.jspecify.annotations.Nullable JsonNode find(
      JsonNode list, ArtifactId artifact) {
    for (JsonNode file : list) {
      if (file.has("artifact") && file.get("artifact").asString().equals(artifact.toString())) {
        return file;
      }
    }
    return null;
  }

  private static String relative(String url) {
    return url.substring("/api/services/supervisor/".length());
  }

  private JsonNode get(String path, int status) throws Exception {
    return JSON.readTree(send(HttpRequest.newBuilder(privateUri(path)).GET(), status));
  }

  private JsonNode post(String path, String body, int status) throws Exception {
    return JSON.readTree(
        send(
            HttpRequest.newBuilder(privateUri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            status));
  }

  private JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(privateUri(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        last = JSON.readTree(response.body());
        if (done.test(last)) {
          return last;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("GET " + path + " never reached the expected state; last: " + last);
  }

  private JsonNode awaitPublic(String path, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(publicUri(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      last = response.body();
      if (response.statusCode() == 200) {
        JsonNode json = JSON.readTree(last);
        if (done.test(json)) {
          return json;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("GET " + path + " never reached the expected state; last: " + last);
  }

  private String send(HttpRequest.Builder request, int status) throws Exception {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response.body();
  }

  private URI privateUri(String path) {
    return URI.create(
        "http://127.0.0.1:" + node.privatePort() + "/api/services/supervisor/" + path);
  }

  private URI publicUri(String path) {
    return URI.create("http://127.0.0.1:" + node.publicPort() + path);
  }
}
