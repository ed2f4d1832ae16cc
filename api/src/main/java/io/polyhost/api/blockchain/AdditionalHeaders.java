package io.polyhost.api.blockchain;

import com.google.protobuf.ByteString;
import io.polyhost.api.proto.AdditionalHeadersProto;
import io.polyhost.api.proto.KeyValueProto;
import io.polyhost.api.proto.KeyValueSequenceProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Extension headers of a block: named byte values, in the order they were added.
 *
 * <p>They let a feature put data under the block hash (and so under the validators' signatures)
 * without changing the header's fixed fields. The order is part of the block hash, which is why
 * this is a list and not a map; keys are unique so that a lookup has one answer.
 *
 * @param entries the headers in order
 */
public record AdditionalHeaders(List<Header> entries) {
  private static final AdditionalHeaders EMPTY = new AdditionalHeaders(List.of());

  /**
   * Copies the list and checks the keys.
   *
   * @throws IllegalArgumentException if a key is empty or appears twice
   */
  public AdditionalHeaders {
    entries = List.copyOf(entries);
    Set<String> seen = new HashSet<>();
    for (Header h : entries) {
      if (!seen.add(h.key())) {
        throw new IllegalArgumentException(
            "Additional header '" + h.key() + "' appears twice; keys must be unique");
      }
    }
  }

  /** No headers, the usual case. */
  public static AdditionalHeaders empty() {
    return EMPTY;
  }

  /**
   * These headers plus {@code key = value} at the end.
   *
   * @throws IllegalArgumentException if {@code key} is empty or already present
   */
  public AdditionalHeaders with(String key, ByteString value) {
    List<Header> more = new ArrayList<>(entries);
    more.add(new Header(key, value));
    return new AdditionalHeaders(more);
  }

  /** The value of {@code key}, if present. */
  public Optional<ByteString> get(String key) {
    return entries.stream().filter(h -> h.key().equals(key)).map(Header::value).findFirst();
  }

  /** The protobuf form. */
  public AdditionalHeadersProto toProto() {
    KeyValueSequenceProto.Builder seq = KeyValueSequenceProto.newBuilder();
    for (Header h : entries) {
      seq.addEntries(KeyValueProto.newBuilder().setKey(h.key()).setValue(h.value()));
    }
    return AdditionalHeadersProto.newBuilder().setHeaders(seq).build();
  }

  /**
   * Reads the protobuf form.
   *
   * @throws IllegalArgumentException if a key is empty or appears twice
   */
  public static AdditionalHeaders fromProto(AdditionalHeadersProto proto) {
    List<Header> entries = new ArrayList<>();
    for (KeyValueProto kv : proto.getHeaders().getEntriesList()) {
      entries.add(new Header(kv.getKey(), kv.getValue()));
    }
    return new AdditionalHeaders(entries);
  }

  /**
   * One extension header.
   *
   * @param key the name, non-empty
   * @param value the bytes
   */
  public record Header(String key, ByteString value) {
    /**
     * Checks the key.
     *
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public Header {
      if (key.isEmpty()) {
        throw new IllegalArgumentException("An additional header needs a non-empty key");
      }
    }
  }
}
