package io.polyhost.benchmarks.load;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits signed messages over HTTP from several connections at once: one request per message
 * ({@code POST /api/explorer/v1/transactions}) or per batch ({@code .../transactions/batch}), as
 * protobuf bodies, each connection sending its next request when the previous one is answered.
 *
 * <p>Bodies are built before the clock starts. A message the pool refuses because it is full is
 * sent again after a short pause (counted as a retry); any other refusal is counted by reason.
 */
final class Submitter {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration FULL_POOL_PAUSE = Duration.ofMillis(20);

  /**
   * What one submission run did.
   *
   * @param submittedAt per message, when its first request was sent ({@link System#nanoTime()})
   * @param firstSent when the first request was sent
   * @param lastAnswered when the last answer arrived
   * @param refused per message, whether the node refused it (for another reason than a full pool)
   */
  record Outcome(
      long[] submittedAt,
      boolean[] refused,
      long firstSent,
      long lastAnswered,
      int requests,
      int accepted,
      int retries,
      Map<String, Integer> rejected) {
    int rejectedCount() {
      return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private static final String SINGLE = "/api/explorer/v1/transactions";
  private static final String BATCH = SINGLE + "/batch";

  private final URI publicApi;
  private final int connections;
  private final int batchSize;

  Submitter(URI publicApi, int connections, int batchSize) {
    this.publicApi = publicApi;
    this.connections = connections;
    this.batchSize = batchSize;
  }

  /** Submits every message and returns once every one is answered. */
  Outcome submit(List<byte[]> messages) throws InterruptedException {
    List<int[]> chunks = new ArrayList<>();
    List<byte[]> bodies = new ArrayList<>();
    for (int from = 0; from < messages.size(); from += batchSize) {
      int[] indices = new int[Math.min(batchSize, messages.size() - from)];
      for (int i = 0; i < indices.length; i++) {
        indices[i] = from + i;
      }
      chunks.add(indices);
      bodies.add(body(messages, indices));
    }
    Run run = new Run(messages, chunks, bodies);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      threads.add(Thread.ofPlatform().name("bench-submit-" + c).start(run::work));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (run.failure != null) {
      throw run.failure;
    }
    return new Outcome(
        run.submittedAt,
        run.refused,
        run.firstSent.get(),
        run.lastAnswered.get(),
        run.requests.get(),
        run.accepted.get(),
        run.retries.get(),
        Map.copyOf(run.rejected));
  }

  private byte[] body(List<byte[]> messages, int[] indices) {
    if (batchSize == 1) {
      return messages.get(indices[0]);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      for (int index : indices) {
        out.writeByteArrayNoTag(messages.get(index));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The shared state of one {@link #submit} call. */
  private final class Run {
    final List<byte[]> messages;
    final List<int[]> chunks;
    final List<byte[]> bodies;
    final long[] submittedAt;
    final boolean[] refused;
    final AtomicInteger nextChunk = new AtomicInteger();
    final AtomicLong firstSent = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastAnswered = new AtomicLong(Long.MIN_VALUE);
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final Map<String, Integer> rejected = new ConcurrentHashMap<>();
    volatile @Nullable RuntimeException failure;

    Run(List<byte[]> messages, List<int[]> chunks, List<byte[]> bodies) {
      this.messages = messages;
      this.chunks = chunks;
      this.bodies = bodies;
      this.submittedAt = new long[messages.size()];
      this.refused = new boolean[messages.size()];
    }

    void work() {
      try (PostConnection connection = new PostConnection(publicApi)) {
        for (int c = nextChunk.getAndIncrement();
            c < chunks.size();
            c = nextChunk.getAndIncrement()) {
          int[] indices = chunks.get(c);
          long now = System.nanoTime();
          firstSent.accumulateAndGet(now, Math::min);
          for (int index : indices) {
            submittedAt[index] = now;
          }
          byte[] body = bodies.get(c);
          while (indices.length > 0) {
            int[] full = send(connection, indices, body);
            if (full.length > 0) {
              retries.addAndGet(full.length);
              ChildNode.sleep(FULL_POOL_PAUSE);
              body = body(messages, full);
            }
            indices = full;
          }
          lastAnswered.accumulateAndGet(System.nanoTime(), Math::max);
        }
      } catch (RuntimeException e) {
        failure = e;
        nextChunk.set(chunks.size()); // the other connections stop too
      }
    }

    /** Sends one request; the indices the pool refused as full, to send again. */
    private int[] send(PostConnection connection, int[] indices, byte[] body) {
      boolean many = batchSize > 1;
      String path = many ? BATCH : SINGLE;
      PostConnection.Answer response;
      try {
        response = connection.post(path, "application/octet-stream", body);
      } catch (IOException e) {
        throw new UncheckedIOException("Submitting to " + publicApi.resolve(path) + " failed", e);
      }
      requests.incrementAndGet();
      if (response.status() == 200 && (!many || allAccepted(response.body(), indices.length))) {
        accepted.addAndGet(indices.length);
        return new int[0];
      }
      JsonNode answer = JSON.readTree(response.body());
      if (!many) {
        return refused(answer, response.status(), indices[0]) ? indices : new int[0];
      }
      if (response.status() != 200) {
        throw new IllegalStateException(
            "The batch endpoint answered " + response.status() + ": " + answer);
      }
      int taken = answer.path("accepted").asInt();
      accepted.addAndGet(taken);
      if (taken == indices.length) {
        return new int[0];
      }
      List<Integer> again = new ArrayList<>();
      JsonNode results = answer.path("results");
      for (int i = 0; i < indices.length; i++) {
        JsonNode result = results.path(i);
        if (!result.path("accepted").asBoolean()
            && refused(result, result.path("status").asInt(), indices[i])) {
          again.add(indices[i]);
        }
      }
      return again.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether a batch answer says {@code "accepted": count}, read without parsing the per-message
     * results: the generator shares the machine's cores with the node, so its own work counts.
     */
    private boolean allAccepted(byte[] body, int count) {
      try (JsonParser parser = JSON.createParser(body)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return false;
        }
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
          if (parser.nextToken() == JsonToken.VALUE_NUMBER_INT && name.equals("accepted")) {
            return parser.getIntValue() == count;
          }
          parser.skipChildren();
        }
        return false;
      }
    }

    /** Counts a refusal; whether it is a full pool, worth sending again. */
    private boolean refused(JsonNode problem, int status, int index) {
      String reason = problem.path("reason").asString("http " + status);
      if (reason.equals("pool_full")) {
        return true;
      }
      rejected.merge(reason, 1, Integer::sum);
      refused[index] = true;
      return false;
    }
  }
}
