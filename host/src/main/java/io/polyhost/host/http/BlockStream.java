package io.polyhost.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.polyhost.api.blockchain.Block;
import io.polyhost.host.blockchain.Blockchain;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /api/explorer/v1/blocks/subscribe}: committed blocks as server-sent events, one {@code
 * block} event per block in height order, its {@code id} the height and its data the header JSON of
 * {@code /blocks} plus {@code hash}. The stream starts after the latest block, or at {@code
 * ?from=H}, or after the {@code Last-Event-ID} a reconnecting client sends; a comment line every 15
 * seconds keeps idle connections open and notices clients that left.
 */
final class BlockStream {
  static final String PATH = "/api/explorer/v1/blocks/subscribe";
  static final int MAX_SUBSCRIBERS = 256;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final Blockchain chain;
  private final BlockFeed feed;
  private final Semaphore subscribers = new Semaphore(MAX_SUBSCRIBERS);

  BlockStream(Blockchain chain, BlockFeed feed) {
    this.chain = chain;
    this.feed = feed;
  }

  void register(HttpRouting.Builder routing) {
    routing.get(PATH, this::subscribe);
  }

  private void subscribe(ServerRequest req, ServerResponse res) throws InterruptedException {
    long height = chain.height();
    long next = start(req, height);
    if (next < 0) {
      throw ApiProblem.badRequest("Last-Event-ID must be a block height from 0 up");
    }
    if (next > height + 1) {
      throw ApiProblem.notFound(
          "Cannot start at block "
              + next
              + ": the latest is "
              + height
              + "; give from=0.."
              + (height + 1));
    }
    if (!subscribers.tryAcquire()) {
      throw ApiProblem.unavailable(
          "The node already streams blocks to " + MAX_SUBSCRIBERS + " clients; try again later");
    }
    try {
      res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
      res.header(HeaderNames.CACHE_CONTROL, "no-cache");
      try (OutputStream out = res.outputStream()) {
        stream(out, next);
      }
    } catch (IOException | UncheckedIOException e) {
      // The client went away; nothing to answer.
    } finally {
      subscribers.release();
    }
  }

  private void stream(OutputStream out, long from) throws IOException, InterruptedException {
    write(out, ": streaming committed blocks from height " + from + "\n\n");
    long next = from;
    while (true) {
      long height = feed.awaitAbove(next - 1, KEEP_ALIVE);
      if (height < 0) {
        return;
      }
      if (height < next) {
        write(out, ":\n\n");
        continue;
      }
      for (; next <= height; next++) {
        long wanted = next;
        Block block = chain.read(core -> core.block(wanted).orElseThrow());
        Map<String, Object> json = Views.block(block);
        json.put("hash", block.hash().toHex());
        write(out, "id: " + next + "\nevent: block\ndata: ");
        out.write(Json.bytes(json));
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Where the stream starts: {@code from}, else after {@code Last-Event-ID}, else after now. */
  private static long start(ServerRequest req, long height) {
    Optional<Long> from = Requests.count(req, "from");
    if (from.isPresent()) {
      return from.get();
    }
    Optional<String> lastId = req.headers().first(HeaderNames.create("Last-Event-ID"));
    if (lastId.isPresent()) {
      try {
        return Long.parseLong(lastId.get().strip()) + 1;
      } catch (NumberFormatException e) {
        throw ApiProblem.badRequest(
            "Last-Event-ID must be a block height, got '" + lastId.get() + "'");
      }
    }
    return height + 1;
  }
}
