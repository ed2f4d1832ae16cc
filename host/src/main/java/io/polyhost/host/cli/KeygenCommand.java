package io.polyhost.host.cli;

import io.polyhost.api.crypto.KeyPair;
import io.polyhost.host.config.KeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polyhost keygen --output FILE}: a key pair for signing transactions with {@code tx}. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description =
        "Writes a new Ed25519 key pair (its secret seed, mode 0600) for `polyhost tx --key`, and"
            + " its public key in hex to FILE.pub.")
final class KeygenCommand extends ClientCommand {
  @Option(names = "--output", required = true, paramLabel = "FILE", description = "The key file.")
  Path output = Path.of("");

  @Override
  int run() {
    if (Files.exists(output)) {
      throw new IllegalArgumentException(
          output + " exists already; choose another file (keys are never overwritten)");
    }
    KeyPair keys = KeyFiles.create(output);
    // The public key beside it, for scripts: --query author=$(cat FILE.pub).
    Path publicFile = output.resolveSibling(output.getFileName() + ".pub");
    try {
      Files.writeString(publicFile, keys.publicKey().toHex() + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot write " + publicFile, e);
    }
    if (options.json) {
      printJson(
          JSON.createObjectNode()
              .put("file", output.toString())
              .put("public_key", keys.publicKey().toHex()));
    } else {
      out()
          .println(
              "public key "
                  + keys.publicKey().toHex()
                  + " (in "
                  + publicFile
                  + "; the secret is in "
                  + output
                  + ")");
    }
    return 0;
  }
}
