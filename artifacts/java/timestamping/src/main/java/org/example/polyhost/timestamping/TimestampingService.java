package org.example.polyhost.timestamping;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.service.JsonStrings;
import io.polyhost.api.service.ReadContext;
import io.polyhost.api.service.Service;
import io.polyhost.api.service.Transaction;
import io.polyhost.api.storage.ProofMapIndex;
import java.time.Instant;
import java.util.Optional;
import org.example.polyhost.timestamping.proto.Timestamp;
import org.example.polyhost.timestamping.proto.TimestampEntry;

/**
 * Records content hashes with the time of their block ({@code timestamp}), once each, and answers
 * {@code timestamp?hash=<hex>} with the record and its proof.
 *
 * <p>The time is the block's, never a clock's: every node must record the same value, and the block
 * time is the one value the validators agree on.
 */
public final class TimestampingService implements Service {
  /** The id of {@code timestamp}. */
  public static final int TIMESTAMP_ID = 0;

  /** The longest metadata, in characters. */
  public static final int MAX_METADATA_LENGTH = 256;

  /** Called by {@link TimestampingFactory}. */
  public TimestampingService() {}

  /** Records {@code arguments.content_hash} with this block's time, unless it is recorded. */
  @Transaction(id = TIMESTAMP_ID, name = "timestamp")
  public void timestamp(ExecutionContext context, Timestamp arguments) {
    Hash content = contentHash(arguments);
    String metadata = arguments.getMetadata();
    if (metadata.codePointCount(0, metadata.length()) > MAX_METADATA_LENGTH) {
      throw TimestampingError.METADATA_TOO_LONG.exception(
          "Metadata has at most "
              + MAX_METADATA_LENGTH
              + " characters; this has "
              + metadata.codePointCount(0, metadata.length()));
    }
    ProofMapIndex<Hash, TimestampEntry> timestamps =
        TimestampingSchema.timestamps(context.serviceData());
    Optional<TimestampEntry> existing = timestamps.get(content);
    if (existing.isPresent()) {
      // First come, first served: a later timestamp would only weaken the proof of the first.
      throw TimestampingError.ALREADY_TIMESTAMPED.exception(
          "Content "
              + content.toHex()
              + " was timestamped already, at "
              + instant(existing.get().getTime()));
    }
    Instant time = context.blockTime();
    TimestampEntry.Builder entry =
        TimestampEntry.newBuilder()
            .setTimestamp(arguments)
            .setTime(
                com.google.protobuf.Timestamp.newBuilder()
                    .setSeconds(time.getEpochSecond())
                    .setNanos(time.getNano()));
    context.transactionHash().ifPresent(hash -> entry.setTxHash(hash.toProto()));
    timestamps.put(content, entry.build());
  }

  /**
   * {@code GET /api/services/<instance>/timestamp?hash=<64 hex digits>}: the record ({@code null}
   * if there is none) and the {@code "proof"} of exactly that.
   */
  @Override
  public Optional<EndpointResponse> read(ReadContext context, EndpointRequest request) {
    if (request.scope() != EndpointRequest.Scope.PUBLIC || !request.path().equals("timestamp")) {
      return Optional.empty();
    }
    String hex =
        request
            .parameter("hash")
            .orElseThrow(() ->
                TimestampingError.INVALID_HASH.exception(
                    "Name the content: timestamp?hash=<64 hex digits of its SHA-256>"));
    Hash content;
    try {
      content = Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw TimestampingError.INVALID_HASH.exception(
          "The hash parameter must be 64 hex digits (a SHA-256): " + e.getMessage());
    }
    ProofMapIndex<Hash, TimestampEntry> timestamps =
        TimestampingSchema.timestamps(context.serviceData());
    String proof = context.prove(TimestampingSchema.TIMESTAMPS, timestamps.proof(content)).toHex();
    String entry = timestamps.get(content).map(TimestampingService::json).orElse("null");
    return Optional.of(
        EndpointResponse.ok(
            "{\"hash\":\""
                + content.toHex()
                + "\",\"entry\":"
                + entry
                + ",\"proof\":\""
                + proof
                + "\"}"));
  }

  private static Hash contentHash(Timestamp arguments) {
    try {
      return Hash.fromProto(arguments.getContentHash());
    } catch (IllegalArgumentException e) {
      throw TimestampingError.INVALID_HASH.exception(
          "content_hash must be the 32 bytes of a SHA-256: " + e.getMessage());
    }
  }

  private static String json(TimestampEntry entry) {
    String txHash =
        entry.hasTxHash() ? "\"" + Hash.fromProto(entry.getTxHash()).toHex() + "\"" : "null";
    return "{\"metadata\":"
        + JsonStrings.quote(entry.getTimestamp().getMetadata())
        + ",\"time\":\""
        + instant(entry.getTime())
        + "\",\"tx_hash\":"
        + txHash
        + "}";
  }

  private static Instant instant(com.google.protobuf.Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
  }
}
