package io.polyhost.host.http;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.host.admin.AdminException;
import io.polyhost.host.admin.Administration;
import io.polyhost.host.admin.DeployAndStart;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.SupervisorSchema;
import io.polyhost.supervisor.proto.ConfigPropose;
import io.polyhost.supervisor.proto.ConfigVote;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.MigrationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The supervisor's REST API under {@code /api/services/supervisor/}: the reference's three public
 * and eight private endpoints, plus {@code available-artifacts} and {@code deploy-and-start}.
 *
 * <p>Requests that change something are signed with this node's service key and broadcast; they
 * answer {@code {"tx_hash": ..., "request": ...}} with the request as completed (a deploy request
 * without a spec gets the spec of the file in the artifacts folder, one without a deadline a
 * deadline {@value Administration#DEFAULT_DEADLINE_BLOCKS} blocks ahead) and the status URL to
 * poll, where the reference answered the bare hash.
 */
public final class SupervisorEndpoints implements ApiRoutes {
  private static final String PREFIX = "/api/services/supervisor/";
  private static final int BODY_LIMIT = 1 << 20;
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
  private static final Duration MAX_WAIT = Duration.ofHours(1);

  private final Administration admin;

  /** The endpoints over {@code admin}. */
  public SupervisorEndpoints(Administration admin) {
    this.admin = admin;
  }

  @Override
  public void registerPublic(HttpRouting.Builder routing) {
    routing.get(PREFIX + "consensus-config", (req, res) -> run(res, this::consensusConfig));
    routing.get(PREFIX + "config-proposal", (req, res) -> run(res, this::configProposal));
    routing.get(PREFIX + "services", (req, res) -> run(res, this::services));
  }

  @Override
  public void registerPrivate(HttpRouting.Builder routing) {
    registerPublic(routing);
    routing.post(
        PREFIX + "deploy-artifact",
        (req, res) ->
            run(
                res,
                () ->
                    deploy(
                        (DeployRequest) parse(req, DeployRequest.newBuilder(), "DeployRequest"))));
    routing.post(
        PREFIX + "migrate",
        (req, res) ->
            run(
                res,
                () ->
                    migrate(
                        (MigrationRequest)
                            parse(req, MigrationRequest.newBuilder(), "MigrationRequest"))));
    routing.post(
        PREFIX + "propose-config",
        (req, res) ->
            run(
                res,
                () ->
                    submitted(
                        Methods.PROPOSE_CONFIG_CHANGE,
                        parse(req, ConfigPropose.newBuilder(), "ConfigPropose"),
                        Optional.empty())));
    routing.post(
        PREFIX + "confirm-config",
        (req, res) ->
            run(
                res,
                () ->
                    submitted(
                        Methods.CONFIRM_CONFIG_CHANGE,
                        parse(req, ConfigVote.newBuilder(), "ConfigVote"),
                        Optional.empty())));
    routing.get(
        PREFIX + "configuration-number",
        (req, res) -> run(res, () -> admin.read(SupervisorSchema::configurationNumber)));
    routing.get(
        PREFIX + "supervisor-config",
        (req, res) ->
            run(
                res,
                () ->
                    Map.of(
                        "mode",
                        admin
                            .read(s -> s.configuration().getMode())
                            .name()
                            .toLowerCase(Locale.ROOT))));
    routing.get(PREFIX + "deploy-status", (req, res) -> run(res, () -> deployStatus(req)));
    routing.get(PREFIX + "migration-status", (req, res) -> run(res, () -> migrationStatus(req)));
    routing.get(PREFIX + "available-artifacts", (req, res) -> run(res, this::available));
    routing.post(PREFIX + "deploy-and-start", (req, res) -> run(res, () -> deployAndStart(req)));
  }

  private Object consensusConfig() {
    return ProtoJson.print(admin.state(state -> state.consensusConfig()));
  }

  private Object configProposal() {
    return admin
        .read(SupervisorSchema::pendingProposal)
        .<Object>map(ProtoJson::print)
        .orElse(tools.jackson.databind.node.NullNode.getInstance());
  }

  private Object services() {
    return admin.state(state -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put(
          "artifacts", state.artifacts().keySet().stream().map(SupervisorViews::artifact).toList());
      json.put("services", state.instances().stream().map(SupervisorViews::instance).toList());
      return json;
    });
  }

  private Object deploy(DeployRequest received) {
    DeployRequest request = admin.complete(received);
    return submitted(
        Methods.REQUEST_ARTIFACT_DEPLOY, request, Optional.of("deploy-status?" + query(request)));
  }

  private Object migrate(MigrationRequest received) {
    MigrationRequest request =
        received.getDeadlineHeight() != 0
            ? received
            : received.toBuilder()
                .setDeadlineHeight(admin.height() + Administration.DEFAULT_DEADLINE_BLOCKS)
                .build();
    return submitted(
        Methods.REQUEST_MIGRATION, request, Optional.of("migration-status?" + query(request)));
  }

  private Map<String, Object> submitted(int method, Message request, Optional<String> status) {
    Hash hash = admin.submit(method, request);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tx_hash", hash.toHex());
    json.put("request", ProtoJson.print(request));
    status.ifPresent(s -> json.put("status_url", PREFIX + s));
    return json;
  }

  private Object deployStatus(ServerRequest req) {
    DeployRequest request =
        DeployRequest.newBuilder()
            .setArtifact(artifactParam(req, "artifact").toProto())
            .setSpec(ByteString.copyFrom(base64Param(req, "spec")))
            .setDeadlineHeight(longParam(req, "deadline_height", true))
            .setSeed(longParam(req, "seed", false))
            .build();
    return admin
        .read(s -> s.deployState(request))
        .map(SupervisorViews::state)
        .orElseThrow(() ->
            ApiProblem.notFound(
                "No deployment was approved for this request; check artifact, spec,"
                    + " deadline_height and seed against the request you sent"));
  }

  private Object migrationStatus(ServerRequest req) {
    MigrationRequest request =
        MigrationRequest.newBuilder()
            .setNewArtifact(artifactParam(req, "new_artifact").toProto())
            .setService(stringParam(req, "service"))
            .setDeadlineHeight(longParam(req, "deadline_height", true))
            .setSeed(longParam(req, "seed", false))
            .build();
    return admin
        .read(s -> s.migrationState(request))
        .map(SupervisorViews::migration)
        .orElseThrow(() ->
            ApiProblem.notFound(
                "No migration was approved for this request; check new_artifact, service,"
                    + " deadline_height and seed against the request you sent"));
  }

  private Object available() {
    List<Object> files = new ArrayList<>();
    var registered = admin.state(state -> Map.copyOf(state.artifacts()));
    for (var file : admin.folder().list()) {
      files.add(SupervisorViews.available(file, file.artifact().map(registered::get)));
    }
    return files;
  }

  private Object deployAndStart(ServerRequest req) {
    JsonNode body = Json.parse(Requests.body(req, BODY_LIMIT));
    ArtifactId artifact = artifactField(body);
    String name = textField(body, "name").orElseGet(artifact::name);
    byte[] config = config(body);
    Duration wait = timeout(body);
    DeployAndStart done = admin.deployAndStart(artifact, name, config, wait);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("artifact", artifact.toString());
    done.deployTx().ifPresent(tx -> json.put("deploy_tx", tx.toHex()));
    done.deployRequest()
        .ifPresent(r -> json.put("deploy_status_url", PREFIX + "deploy-status?" + query(r)));
    json.put("start_tx", done.startTx().toHex());
    json.put("instance_id", Integer.toUnsignedLong(done.instance().id()));
    json.put("instance_name", done.instance().name());
    return json;
  }

  /** How long deploy-and-start may wait: {@code timeout_seconds}, 1 to 3,600, 60 if absent. */
  private static Duration timeout(JsonNode body) {
    JsonNode node = body.get("timeout_seconds");
    if (node == null || node.isNull()) {
      return DEFAULT_WAIT;
    }
    if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_WAIT.toSeconds()) {
      throw ApiProblem.badRequest(
          "\"timeout_seconds\" is a whole number of seconds from 1 to "
              + MAX_WAIT.toSeconds()
              + ", got "
              + node);
    }
    return Duration.ofSeconds(node.asLong());
  }

  private static ArtifactId artifactField(JsonNode body) {
    JsonNode node = body.get("artifact");
    if (node == null || !node.isString()) {
      throw ApiProblem.badRequest(
          "Name the artifact as \"artifact\": \"runtime:name:version\", e.g. \"2:wallet:1.0.0\";"
              + " GET available-artifacts lists what the artifacts folder holds");
    }
    try {
      return ArtifactId.parse(node.asString());
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(String.valueOf(e.getMessage()));
    }
  }

  private static Optional<String> textField(JsonNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isString()) {
      throw ApiProblem.badRequest("\"" + name + "\" must be a string");
    }
    return Optional.of(node.asString());
  }

  /**
   * The constructor argument: {@code config} as UTF-8 text if a string, as JSON text if an object
   * or array, or {@code config_base64} as raw bytes.
   */
  private static byte[] config(JsonNode body) {
    JsonNode raw = body.get("config_base64");
    if (raw != null && !raw.isNull()) {
      try {
        return Base64.getDecoder().decode(raw.asString());
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest("\"config_base64\" is not base64: " + e.getMessage());
      }
    }
    JsonNode config = body.get("config");
    if (config == null || config.isNull()) {
      return new byte[0];
    }
    String text = config.isString() ? config.asString() : config.toString();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Message parse(ServerRequest req, Message.Builder builder, String what) {
    byte[] body = Requests.body(req, BODY_LIMIT);
    if (Requests.encoding(req) == Requests.Encoding.PROTOBUF) {
      try {
        return builder.mergeFrom(body).build();
      } catch (InvalidProtocolBufferException e) {
        throw ApiProblem.badRequest("The body is not a protobuf " + what + ": " + e.getMessage());
      }
    }
    return ProtoJson.parse(Json.parse(body), builder, what).build();
  }

  private static String query(DeployRequest r) {
    return "artifact="
        + ArtifactId.fromProto(r.getArtifact())
        + "&spec="
        + Base64.getUrlEncoder().encodeToString(r.getSpec().toByteArray())
        + "&deadline_height="
        + r.getDeadlineHeight()
        + "&seed="
        + Long.toUnsignedString(r.getSeed());
  }

  private static String query(MigrationRequest r) {
    return "new_artifact="
        + ArtifactId.fromProto(r.getNewArtifact())
        + "&service="
        + java.net.URLEncoder.encode(r.getService(), StandardCharsets.UTF_8)
        + "&deadline_height="
        + r.getDeadlineHeight()
        + "&seed="
        + Long.toUnsignedString(r.getSeed());
  }

  private static ArtifactId artifactParam(ServerRequest req, String name) {
    try {
      return ArtifactId.parse(stringParam(req, name));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("Query parameter " + name + ": " + e.getMessage());
    }
  }

  private static String stringParam(ServerRequest req, String name) {
    return req.query()
        .first(name)
        .asOptional()
        .orElseThrow(() -> ApiProblem.badRequest("Query parameter " + name + " is missing"));
  }

  private static byte[] base64Param(ServerRequest req, String name) {
    String value = req.query().first(name).asOptional().orElse("");
    try {
      return value.contains("-") || value.contains("_")
          ? Base64.getUrlDecoder().decode(value)
          : Base64.getDecoder().decode(value.replace(' ', '+'));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("Query parameter " + name + " is not base64: " + e.getMessage());
    }
  }

  private static long longParam(ServerRequest req, String name, boolean required) {
    Optional<String> value = req.query().first(name).asOptional();
    if (value.isEmpty()) {
      if (required) {
        throw ApiProblem.badRequest("Query parameter " + name + " is missing");
      }
      return 0;
    }
    try {
      return Long.parseUnsignedLong(value.get());
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest(
          "Query parameter " + name + " must be a non-negative integer, not '" + value.get() + "'");
    }
  }

  private static void run(ServerResponse res, Supplier<Object> handler) {
    try {
      Json.send(res, handler.get());
    } catch (AdminException e) {
      throw new ApiProblem(e.status(), e.title(), String.valueOf(e.getMessage()), Map.of());
    }
  }
}
