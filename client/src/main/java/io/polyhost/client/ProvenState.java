package io.polyhost.client;

import io.polyhost.api.blockchain.Block;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified {@link StateProof} proves: in the state of a certified block, the entry of an
 * index has this value, or none.
 *
 * @param block the certified block whose state hash the proof starts from
 * @param index the full name of the index, e.g. {@code wallet.balances}
 * @param kind which kind of index, and so what {@code address} is
 * @param address the map key (proof maps), the position as 8 bytes big-endian (proof lists), or
 *     empty bytes (proof entries)
 * @param value the proven value, empty if proven absent
 */
public record ProvenState(
    Block block, String index, Kind kind, byte[] address, Optional<byte[]> value) {
  /** The kinds of index a proof can open. */
  public enum Kind {
    /** A {@code ProofMapIndex} with hashed keys; the address is the key. */
    PROOF_MAP,
    /** A {@code ProofListIndex}; the address is the position. */
    PROOF_LIST,
    /** A {@code ProofEntry}; no address. */
    PROOF_ENTRY
  }

  /** Copies the bytes. */
  public ProvenState {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(kind, "kind");
    address = address.clone();
    value = value.map(byte[]::clone);
  }

  @Override
  public byte[] address() {
    return address.clone();
  }

  @Override
  public Optional<byte[]> value() {
    return value.map(byte[]::clone);
  }

  /** The value as text if it is UTF-8 (JSON, for JavaScript services), else its hex. */
  public Optional<String> valueText() {
    return value.map(ProvenState::text);
  }

  /** The address as text if it is UTF-8, else its hex; a list position as a number. */
  public String addressText() {
    return kind == Kind.PROOF_LIST
        ? Long.toString(ByteBuffer.wrap(address).getLong())
        : text(address);
  }

  static String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return "0x" + HexFormat.of().formatHex(bytes);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProvenState p
        && block.equals(p.block)
        && index.equals(p.index)
        && kind == p.kind
        && java.util.Arrays.equals(address, p.address)
        && value.isPresent() == p.value.isPresent()
        && (value.isEmpty() || java.util.Arrays.equals(value.get(), p.value.get()));
  }

  @Override
  public int hashCode() {
    return Objects.hash(block, index, kind, java.util.Arrays.hashCode(address));
  }

  @Override
  public String toString() {
    return index
        + "["
        + addressText()
        + "] = "
        + valueText().orElse("(absent)")
        + " at height "
        + block.height();
  }
}
