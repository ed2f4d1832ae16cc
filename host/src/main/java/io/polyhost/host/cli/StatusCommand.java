package io.polyhost.host.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code polyhost status}: the node's version, height, pool and runtimes. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows the node's version, height, transaction pool and runtimes (private API).")
final class StatusCommand extends ClientCommand {
  @Override
  int run() {
    var admin = options.adminHttp();
    JsonNode info = admin.get("/api/system/v1/info");
    JsonNode stats = admin.get("/api/system/v1/stats");
    if (options.json) {
      var json = JSON.createObjectNode();
      json.set("info", info);
      json.set("stats", stats);
      printJson(json);
      return 0;
    }
    StringBuilder runtimes = new StringBuilder();
    for (JsonNode r : info.path("runtimes")) {
      runtimes.append(runtimes.isEmpty() ? "" : ", ");
      runtimes
          .append(r.path("name").asString())
          .append(" (")
          .append(r.path("id").asInt())
          .append(')');
    }
    out().println("version:    " + info.path("version").asString("?"));
    out().println("height:     " + stats.path("height").asLong());
    out().println("last block: " + stats.path("last_block_time").asString("?"));
    out()
        .println(
            "pool:       "
                + stats.path("tx_pool_size").asLong()
                + " transactions, "
                + stats.path("tx_pool_bytes").asLong()
                + " bytes");
    out().println("runtimes:   " + runtimes);
    out().println("uptime:     " + stats.path("uptime_seconds").asLong() + " s");
    return 0;
  }
}
