package io.polyhost.api.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.AdditionalHeadersProto;
import io.polyhost.api.proto.BlockProto;
import io.polyhost.api.proto.HashProto;
import io.polyhost.api.proto.KeyValueProto;
import io.polyhost.api.proto.KeyValueSequenceProto;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class BlockTest {
  private final Block block =
      new Block(
          3,
          17,
          5,
          Blocks.hashOf("prev"),
          Blocks.hashOf("tx"),
          Blocks.hashOf("state"),
          Blocks.hashOf("errors"),
          AdditionalHeaders.empty().with("skip", ByteString.copyFromUtf8("1")),
          Instant.parse("2024-01-02T03:04:05.000000006Z"));

  @Test
  void protoAndBytesRoundTrip() {
    assertThat(Block.fromProto(block.toProto())).isEqualTo(block);
    assertThat(Block.parse(block.toProto().toByteArray())).isEqualTo(block);
    assertThat(Block.fromProto(block.toProto()).hash()).isEqualTo(block.hash());
  }

  @Test
  void hashIsSha256OfTheProtobufBytes() {
    assertThat(block.hash()).isEqualTo(Hash.sha256(block.toProto().toByteArray()));
  }

  @Test
  void everyFieldEntersTheHash() {
    List<Block> variants =
        List.of(
            new Block(
                4,
                17,
                5,
                block.prevHash(),
                block.txHash(),
                block.stateHash(),
                block.errorHash(),
                block.additionalHeaders(),
                block.time()),
            new Block(
                3,
                18,
                5,
                block.prevHash(),
                block.txHash(),
                block.stateHash(),
                block.errorHash(),
                block.additionalHeaders(),
                block.time()),
            new Block(
                3,
                17,
                6,
                block.prevHash(),
                block.txHash(),
                block.stateHash(),
                block.errorHash(),
                block.additionalHeaders(),
                block.time()),
            new Block(
                3,
                17,
                5,
                Hash.zero(),
                block.txHash(),
                block.stateHash(),
                block.errorHash(),
                block.additionalHeaders(),
                block.time()),
            new Block(
                3,
                17,
                5,
                block.prevHash(),
                Hash.zero(),
                block.stateHash(),
                block.errorHash(),
                block.additionalHeaders(),
                block.time()),
            new Block(
                3,
                17,
                5,
                block.prevHash(),
                block.txHash(),
                Hash.zero(),
                block.errorHash(),
                block.additionalHeaders(),
                block.time()),
            new Block(
                3,
                17,
                5,
                block.prevHash(),
                block.txHash(),
                block.stateHash(),
                Hash.zero(),
                block.additionalHeaders(),
                block.time()),
            new Block(
                3,
                17,
                5,
                block.prevHash(),
                block.txHash(),
                block.stateHash(),
                block.errorHash(),
                AdditionalHeaders.empty(),
                block.time()),
            new Block(
                3,
                17,
                5,
                block.prevHash(),
                block.txHash(),
                block.stateHash(),
                block.errorHash(),
                block.additionalHeaders(),
                block.time().plusNanos(1)));
    assertThat(variants.stream().map(Block::hash).distinct()).hasSize(variants.size());
    assertThat(variants).allSatisfy(v -> assertThat(v.hash()).isNotEqualTo(block.hash()));
  }

  @Test
  void rejectsMissingOrMalformedFields() {
    assertRejected(b -> b.clearTime(), "lacks its 'time' field");
    assertRejected(b -> b.clearPrevHash(), "lacks its 'prev_hash' field");
    assertRejected(b -> b.clearErrorHash(), "lacks its 'error_hash' field");
    assertRejected(
        b -> b.setStateHash(HashProto.newBuilder().setData(ByteString.copyFrom(new byte[31]))),
        "field 'state_hash' is not a hash");
    assertRejected(b -> b.setHeight(-1), "field 'height' is 18446744073709551615");
    assertRejected(b -> b.setTxCount(-1), "field 'tx_count' is 4294967295");
    assertRejected(b -> b.setProposerId(Integer.MIN_VALUE), "field 'proposer_id' is 2147483648");
    assertRejected(
        b -> b.setTime(Timestamp.newBuilder().setSeconds(1).setNanos(-1)), "has -1 nanoseconds");
    assertRejected(
        b -> b.setTime(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)),
        "outside the years 1 to 9999");
    KeyValueProto skip = KeyValueProto.newBuilder().setKey("skip").build();
    assertRejected(
        b ->
            b.setAdditionalHeaders(
                AdditionalHeadersProto.newBuilder()
                    .setHeaders(
                        KeyValueSequenceProto.newBuilder().addEntries(skip).addEntries(skip))),
        "'skip' appears twice");
  }

  @Test
  void rejectsBadValuesAndBytes() {
    assertThatThrownBy(() ->
            new Block(
                0,
                -1,
                0,
                Hash.zero(),
                Hash.zero(),
                Hash.zero(),
                Hash.zero(),
                AdditionalHeaders.empty(),
                Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("height must not be negative");
    assertThatThrownBy(() -> Block.parse(new byte[] {(byte) 0xff, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a block header");
    assertThatThrownBy(() -> AdditionalHeaders.empty().with("", ByteString.EMPTY))
        .hasMessageContaining("non-empty key");
  }

  @Test
  void headersKeepTheirOrderAndAnswerLookups() {
    AdditionalHeaders h =
        AdditionalHeaders.empty()
            .with("b", ByteString.copyFromUtf8("2"))
            .with("a", ByteString.copyFromUtf8("1"));
    AdditionalHeaders swapped =
        AdditionalHeaders.empty()
            .with("a", ByteString.copyFromUtf8("1"))
            .with("b", ByteString.copyFromUtf8("2"));
    assertThat(h.get("a")).contains(ByteString.copyFromUtf8("1"));
    assertThat(h.get("c")).isEmpty();
    assertThat(h).isNotEqualTo(swapped);
    assertThat(AdditionalHeaders.fromProto(h.toProto())).isEqualTo(h);
  }

  private void assertRejected(UnaryOperator<BlockProto.Builder> tamper, String message) {
    BlockProto bad = tamper.apply(block.toProto().toBuilder()).build();
    assertThatThrownBy(() -> Block.fromProto(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
