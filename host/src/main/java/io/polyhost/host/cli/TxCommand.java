package io.polyhost.host.cli;

import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.client.NodeClient;
import io.polyhost.client.PublishedInterface;
import io.polyhost.client.TransactionOutcome;
import io.polyhost.client.Transactions;
import io.polyhost.host.config.KeyFiles;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code polyhost tx}: encodes JSON arguments through the service's published interface, signs,
 * submits, waits for the block and prints how the call ended, proven by the validators' signatures.
 */
@Command(
    name = "tx",
    mixinStandardHelpOptions = true,
    description = {
      "Calls a service's transaction: encodes --args through the interface the service publishes"
          + " (a protobuf message, or the JSON text itself for JavaScript services), signs it with"
          + " --key, submits it, waits for its block and prints the outcome, checked against the"
          + " block's proofs. Exits with 1 if the call failed."
    })
final class TxCommand extends ClientCommand {
  @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service.")
  String service = "";

  @Option(
      names = "--method",
      required = true,
      paramLabel = "NAME|ID",
      description = "The transaction, by name or id (see GET /api/services/NAME/interface).")
  String method = "";

  @Option(
      names = "--args",
      paramLabel = "JSON",
      defaultValue = "",
      description = "The arguments as JSON, e.g. '{\"to\": \"bob\", \"amount\": 5}'.")
  String args = "";

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "The signer's key file (from `polyhost keygen`).")
  Path key = Path.of("");

  @Override
  int run() throws TimeoutException {
    KeyPair keys = KeyFiles.load(key);
    NodeClient client = options.client();
    PublishedInterface published = client.serviceInterface(service);
    PublishedInterface.Method target = published.method(method);
    byte[] arguments = published.encodeArguments(target, args);
    SignedTransaction tx =
        Transactions.sign(keys, client.instanceId(service), target.id(), arguments);
    client.submit(tx);
    progress("submitted " + tx.hash() + "; waiting for its block...");
    client.awaitCommitted(tx.hash(), options.timeout(), this::progress);
    TransactionOutcome outcome = client.provenOutcome(tx.hash(), client.validatorKeys());
    print(outcome);
    return outcome.succeeded() ? 0 : 1;
  }

  private void print(TransactionOutcome outcome) {
    TxLocation location = outcome.location();
    if (options.json) {
      var json =
          JSON.createObjectNode()
              .put("tx_hash", outcome.txHash().toHex())
              .put("block_height", location.blockHeight())
              .put("position_in_block", location.position())
              .put("proven", true);
      var status = json.putObject("status");
      if (outcome.error().isEmpty()) {
        status.put("type", "success");
      } else {
        ExecutionError e = outcome.error().get();
        status.put("type", e.kind().label() + "_error");
        status.put("code", e.code());
        status.put("description", e.description());
      }
      printJson(json);
      return;
    }
    String where =
        "transaction "
            + outcome.txHash()
            + " in block "
            + location.blockHeight()
            + " (position "
            + location.position()
            + ", proven): ";
    out()
        .println(
            where
                + outcome
                    .error()
                    .map(e ->
                        "failed with "
                            + e.kind().label()
                            + " error "
                            + e.code()
                            + (e.description().isEmpty() ? "" : ": " + e.description()))
                    .orElse("success"));
  }
}
