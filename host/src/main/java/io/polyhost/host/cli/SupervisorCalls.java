package io.polyhost.host.cli;

import io.polyhost.api.crypto.Hash;
import io.polyhost.client.NodeClient;
import io.polyhost.client.NodeHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The supervisor's REST API as the admin commands use it: requests on the private listener, then
 * waiting (on either listener) until what was asked has happened or failed.
 */
final class SupervisorCalls {
  static final String PREFIX = "/api/services/supervisor/";
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(3);

  private final NodeHttp admin;
  private final NodeClient node;
  private final Duration timeout;
  private final Consumer<String> progress;

  SupervisorCalls(ClientOptions options, Consumer<String> progress) {
    this.admin = options.adminHttp();
    this.node = options.client();
    this.timeout = options.timeout();
    this.progress = progress;
  }

  NodeClient node() {
    return node;
  }

  JsonNode available() {
    return admin.get(PREFIX + "available-artifacts");
  }

  JsonNode services() {
    return node.http().get(PREFIX + "services");
  }

  /** The service named {@code name} as the services list shows it. */
  JsonNode service(String name) {
    for (JsonNode s : services().path("services")) {
      if (name.equals(s.path("spec").path("name").asString(""))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "No service named '" + name + "'; `polyhost services` lists them");
  }

  static String statusOf(JsonNode service) {
    return service.path("status").path("type").asString("none");
  }

  /** Requests the deployment of {@code artifact} and waits until it succeeds. */
  JsonNode deploy(String artifact) throws TimeoutException {
    ObjectNode body = ClientCommand.JSON.createObjectNode().put("artifact", artifact);
    JsonNode sent = admin.post(PREFIX + "deploy-artifact", body);
    String statusUrl = sent.path("status_url").asString("");
    if (statusUrl.isEmpty()) {
      throw new CommandFailedException("The node's answer has no status_url: " + sent);
    }
    // The status is known only once the request is in a block; until then the node answers 404.
    awaitAccepted(sent, "deploy request");
    JsonNode state =
        await(
            "deployment of " + artifact,
            () -> Optional.of(admin.get(statusUrl)),
            s -> !s.isString() || !s.asString().equals("pending"));
    if (!(state.isString() && state.asString().equals("succeed"))) {
      throw new CommandFailedException("The deployment of " + artifact + " " + failure(state));
    }
    return sent;
  }

  /** Requests a migration of {@code service} to {@code artifact} and waits until it ends. */
  JsonNode migrate(String service, String artifact) throws TimeoutException {
    ObjectNode body =
        ClientCommand.JSON.createObjectNode().put("new_artifact", artifact).put("service", service);
    JsonNode sent = admin.post(PREFIX + "migrate", body);
    String statusUrl = sent.path("status_url").asString("");
    awaitAccepted(sent, "migration request");
    JsonNode state =
        await(
            "migration of " + service + " to " + artifact,
            () -> Optional.of(admin.get(statusUrl)),
            s -> !"pending".equals(s.path("state").asString("")));
    JsonNode inner = state.path("state");
    if (!(inner.isString() && inner.asString().equals("succeed"))) {
      throw new CommandFailedException(
          "The migration of " + service + " to " + artifact + " " + failure(inner));
    }
    return state;
  }

  private static String failure(JsonNode state) {
    if (state.isString()) {
      return "ended as " + state.asString();
    }
    JsonNode error = state.path("failed").path("error");
    return "failed at height "
        + state.path("failed").path("height").asString("?")
        + ": "
        + error.path("description").asString(error.toString());
  }

  /**
   * Proposes one configuration {@code change} and waits until its transaction is in a block.
   *
   * @throws CommandFailedException if the supervisor refused the proposal
   */
  Hash propose(String changeKind, ObjectNode change) throws TimeoutException {
    long number = admin.get(PREFIX + "configuration-number").asLong();
    ObjectNode body = ClientCommand.JSON.createObjectNode();
    body.put("actual_from", 0).put("configuration_number", number);
    body.putArray("changes").addObject().set(changeKind, change);
    JsonNode sent = admin.post(PREFIX + "propose-config", body);
    return awaitAccepted(sent, "change");
  }

  /**
   * Waits until the supervisor transaction the node answered with ({@code tx_hash}) is in a block,
   * and returns its hash.
   *
   * @throws CommandFailedException if the supervisor refused it
   */
  private Hash awaitAccepted(JsonNode sent, String what) throws TimeoutException {
    Hash tx = Hash.fromHex(sent.path("tx_hash").asString(""));
    node.awaitCommitted(tx, timeout, progress);
    JsonNode status =
        node.http()
            .get("/api/explorer/v1/call_status/transaction", Map.of("hash", List.of(tx.toHex())));
    if (!"success".equals(status.path("type").asString(""))) {
      throw new CommandFailedException(
          "The supervisor refused the "
              + what
              + ": "
              + status.path("description").asString(status.toString()));
    }
    return tx;
  }

  /** Waits until service {@code name} has status {@code expected}. */
  JsonNode awaitStatus(String name, String expected) throws TimeoutException {
    return await(
        "service '" + name + "' to be " + expected,
        () -> Optional.of(service(name)),
        s -> statusOf(s).equals(expected));
  }

  /** Waits until {@code artifact} is no longer registered. */
  void awaitUnloaded(String artifact) throws TimeoutException {
    await(
        "the unloading of " + artifact,
        () -> Optional.of(services()),
        list -> {
          for (JsonNode a : list.path("artifacts")) {
            String id =
                a.path("runtime_id").asInt()
                    + ":"
                    + a.path("name").asString("")
                    + ":"
                    + a.path("version").asString("");
            if (id.equals(artifact)) {
              return false;
            }
          }
          return true;
        });
  }

  private JsonNode await(
      String what, java.util.function.Supplier<Optional<JsonNode>> probe, Predicate<JsonNode> done)
      throws TimeoutException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextReport = start + REPORT_EVERY.toNanos();
    while (true) {
      Optional<JsonNode> value = probe.get();
      if (value.isPresent() && done.test(value.get())) {
        return value.get();
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new TimeoutException(
            "Gave up waiting for the "
                + what
                + " after "
                + timeout.toSeconds()
                + " s (--timeout); it may still complete, check later");
      }
      if (now > nextReport) {
        progress.accept(
            "waiting for the "
                + what
                + "... ("
                + Duration.ofNanos(now - start).toSeconds()
                + " s)");
        nextReport = now + REPORT_EVERY.toNanos();
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimeoutException("Interrupted while waiting for the " + what);
      }
    }
  }
}
