package io.polyhost.host.cli;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.client.NodeClient;
import io.polyhost.client.ProvenState;
import io.polyhost.client.StateProof;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code polyhost read}: calls a service's read endpoint and prints the answer; an answer that
 * carries a proof is verified against the validators' keys, and a proof that fails fails the
 * command.
 */
@Command(
    name = "read",
    mixinStandardHelpOptions = true,
    description = {
      "Calls GET /api/services/NAME/ENDPOINT and prints the answer. When the answer carries a proof"
          + " (e.g. --endpoint state-proof --query index=balances --query key=alice), it is checked"
          + " against the validators' consensus keys (pinned with --validator-key, else read from"
          + " the node's consensus-config), and the command fails if it does not verify."
    })
final class ReadCommand extends ClientCommand {
  @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service.")
  String service = "";

  @Option(
      names = "--endpoint",
      required = true,
      paramLabel = "PATH",
      description = "The endpoint's path under the service, e.g. balance or wallets/top.")
  String endpoint = "";

  @Option(
      names = "--query",
      paramLabel = "KEY=VALUE",
      description = "A query parameter; repeat for more.")
  List<String> query = new ArrayList<>();

  @Option(
      names = "--validator-key",
      paramLabel = "HEX",
      description = "A trusted validator consensus key, in validator order; repeat for more.")
  List<String> validatorKeys = new ArrayList<>();

  @Override
  int run() {
    Map<String, List<String>> params = parseQuery();
    NodeClient client = options.client();
    JsonNode answer = client.read(service, endpoint, params);
    Optional<String> serviceProof = ServiceProofCheck.hexProof(answer);
    if (serviceProof.isPresent()) {
      return printServiceProof(answer, serviceProof.get(), trustedKeys(client));
    }
    if (!StateProof.carriesProof(answer)) {
      if (options.json) {
        printJson(answer);
      } else {
        out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        progress("(the answer carries no proof)");
      }
      return 0;
    }
    List<PublicKey> trusted = trustedKeys(client);
    ProvenState proven = StateProof.verify(answer, trusted);
    checkAddress(proven, params);
    if (options.json) {
      var json = JSON.createObjectNode();
      json.set("answer", answer);
      json.put("verified", true);
      json.put("verified_height", proven.block().height());
      json.put("verified_value", proven.valueText().orElse(null));
      printJson(json);
    } else {
      out()
          .println(
              proven.index()
                  + "["
                  + proven.addressText()
                  + "] = "
                  + proven.valueText().orElse("(absent)"));
      out().println(verified(proven.block(), trusted));
    }
    return 0;
  }

  /** An answer proven by the service itself, in the {@code "proof": "<hex>"} convention. */
  private int printServiceProof(JsonNode answer, String hex, List<PublicKey> trusted) {
    ServiceProofCheck.Proven proven = ServiceProofCheck.verify(hex, trusted);
    if (options.json) {
      var json = JSON.createObjectNode();
      json.set("answer", answer);
      json.put("verified", true);
      json.put("verified_height", proven.block().height());
      json.put("verified_index", proven.index());
      var entries = json.putArray("verified_entries");
      proven.entries().forEach(entries::add);
      printJson(json);
      return 0;
    }
    out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
    proven.entries().forEach(e -> out().println(proven.index() + ": " + e));
    out().println(verified(proven.block(), trusted));
    return 0;
  }

  /** The line that says what a proof was checked against. */
  private static String verified(io.polyhost.api.blockchain.Block block, List<PublicKey> trusted) {
    return "proof verified: block "
        + block.height()
        + " ("
        + block.hash()
        + ") signed by "
        + trusted.size()
        + " trusted validator key"
        + (trusted.size() == 1 ? "" : "s")
        + ", state hash "
        + block.stateHash();
  }

  private Map<String, List<String>> parseQuery() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : query) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--query takes KEY=VALUE, not '" + pair + "'");
      }
      params
          .computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>())
          .add(pair.substring(eq + 1));
    }
    return params;
  }

  private List<PublicKey> trustedKeys(NodeClient client) {
    if (validatorKeys.isEmpty()) {
      return client.validatorKeys();
    }
    return validatorKeys.stream().map(PublicKey::fromHex).toList();
  }

  /** The proof must be about what was asked, not some other entry the node chose. */
  private static void checkAddress(ProvenState proven, Map<String, List<String>> params) {
    byte[] asked = null;
    if (params.containsKey("key")) {
      asked = params.get("key").getFirst().getBytes(StandardCharsets.UTF_8);
    } else if (params.containsKey("key_hex")) {
      asked = HexFormat.of().parseHex(params.get("key_hex").getFirst());
    } else if (params.containsKey("position")) {
      asked =
          ByteBuffer.allocate(Long.BYTES)
              .putLong(Long.parseLong(params.get("position").getFirst()))
              .array();
    }
    if (asked != null && !Arrays.equals(asked, proven.address())) {
      throw new ProofVerificationException(
          "The proof is about " + proven.addressText() + ", not the entry asked for");
    }
  }
}
