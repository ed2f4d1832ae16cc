package io.polyhost.api.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Bytes laid out by hand with Exonum's field numbers must decode to the same values, and our
 * messages must encode to those bytes: the wire format is the contract, not the Java classes.
 */
class ExonumWireCompatibilityTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String H32_11 = "0a20" + "11".repeat(32); // HashProto/PublicKeyProto{data}
  private static final String S64_22 = "0a40" + "22".repeat(64); // SignatureProto{data}

  @Test
  void anyTx() throws InvalidProtocolBufferException {
    // call_info(1){instance_id(1)=3, method_id(2)=1}, arguments(2)="ab"
    byte[] wire = HEX.parseHex("0a04080310011202" + "6162");
    AnyTxProto tx = AnyTxProto.parseFrom(wire);
    assertThat(tx.getCallInfo().getInstanceId()).isEqualTo(3);
    assertThat(tx.getCallInfo().getMethodId()).isEqualTo(1);
    assertThat(tx.getArguments().toStringUtf8()).isEqualTo("ab");
    assertThat(tx.toByteArray()).isEqualTo(wire);
  }

  @Test
  void signedMessage() throws InvalidProtocolBufferException {
    // payload(1), author(2), signature(3)
    byte[] wire = HEX.parseHex("0a02aabb" + "1222" + H32_11 + "1a42" + S64_22);
    SignedMessageProto message = SignedMessageProto.parseFrom(wire);
    assertThat(message.getPayload().toByteArray()).isEqualTo(HEX.parseHex("aabb"));
    assertThat(message.getAuthor().getData().byteAt(0)).isEqualTo((byte) 0x11);
    assertThat(message.getSignature().getData().size()).isEqualTo(64);
    assertThat(message.toByteArray()).isEqualTo(wire);
  }

  @Test
  void executionError() throws InvalidProtocolBufferException {
    // kind(1)=SERVICE, code(2)=5, description(3)="x", runtime_id(4)=1,
    // call_site(6){instance_id(2)=7, method_id(3)=2}, backtrace(8)[{instance_id(2)=9}]
    byte[] wire =
        HEX.parseHex("0803" + "1005" + "1a0178" + "2001" + "3204" + "10071802" + "4202" + "1009");
    ExecutionErrorProto error = ExecutionErrorProto.parseFrom(wire);
    assertThat(error.getKind()).isEqualTo(ExecutionErrorProto.Kind.SERVICE);
    assertThat(error.getCode()).isEqualTo(5);
    assertThat(error.getDescription()).isEqualTo("x");
    assertThat(error.hasRuntimeId()).isTrue();
    assertThat(error.getRuntimeId()).isEqualTo(1);
    assertThat(error.getCallSite().getCallType()).isEqualTo(CallSiteProto.Type.METHOD);
    assertThat(error.getCallSite().getInstanceId()).isEqualTo(7);
    assertThat(error.getCallSite().getMethodId()).isEqualTo(2);
    assertThat(error.getBacktraceList())
        .singleElement()
        .extracting(CallSiteProto::getInstanceId)
        .isEqualTo(9);
    assertThat(error.toByteArray()).isEqualTo(wire);
  }

  @Test
  void exonumExplicitNoneMarkersReadAsAbsent() throws InvalidProtocolBufferException {
    // kind(1)=CORE, code(2)=7, no_runtime_id(5)=Empty, no_call_site(7)=Empty
    ExecutionErrorProto error =
        ExecutionErrorProto.parseFrom(HEX.parseHex("08011007" + "2a00" + "3a00"));
    assertThat(error.getKind()).isEqualTo(ExecutionErrorProto.Kind.CORE);
    assertThat(error.getCode()).isEqualTo(7);
    assertThat(error.hasRuntimeId()).isFalse();
    assertThat(error.hasCallSite()).isFalse();
  }

  @Test
  void runtimeIdZeroIsStillPresent() {
    // Runtime 0 must not be confused with "no runtime": the optional field keeps presence.
    ExecutionErrorProto error = ExecutionErrorProto.newBuilder().setRuntimeId(0).build();
    assertThat(error.toByteArray()).isEqualTo(HEX.parseHex("2000"));
  }

  @Test
  void callerOfInstanceZeroIsEncoded() {
    // The supervisor (instance 0) must differ from "no caller": oneof members are always written.
    assertThat(CallerProto.newBuilder().setInstanceId(0).build().toByteArray())
        .isEqualTo(HEX.parseHex("1000"));
    assertThat(CallInBlockProto.newBuilder().setTransaction(0).build().toByteArray())
        .isEqualTo(HEX.parseHex("0800"));
  }

  @Test
  void blockHeader() throws InvalidProtocolBufferException {
    // proposer_id(1)=1, height(2)=5, tx_count(3)=2, prev_hash(4), state_hash(6)
    byte[] wire = HEX.parseHex("0801" + "1005" + "1802" + "2222" + H32_11 + "3222" + H32_11);
    BlockProto block = BlockProto.parseFrom(wire);
    assertThat(block.getProposerId()).isEqualTo(1);
    assertThat(block.getHeight()).isEqualTo(5);
    assertThat(block.getTxCount()).isEqualTo(2);
    assertThat(block.getPrevHash().getData().size()).isEqualTo(32);
    assertThat(block.getStateHash()).isEqualTo(block.getPrevHash());
    assertThat(block.hasTxHash()).isFalse();
    assertThat(block.toByteArray()).isEqualTo(wire);
  }

  @Test
  void precommitUsesExonumsHeightAndBlockHashFields() throws InvalidProtocolBufferException {
    // validator(1)=2, height(2)=9, block_hash(5)
    byte[] wire = HEX.parseHex("0802" + "1009" + "2a22" + H32_11);
    PrecommitProto precommit = PrecommitProto.parseFrom(wire);
    assertThat(precommit.getValidator()).isEqualTo(2);
    assertThat(precommit.getHeight()).isEqualTo(9);
    assertThat(precommit.getBlockHash().getData().byteAt(31)).isEqualTo((byte) 0x11);
    assertThat(precommit.toByteArray()).isEqualTo(wire);
  }

  @Test
  void instanceState() throws InvalidProtocolBufferException {
    // spec(1){id(1)=4, name(2)="t"}, status(2){simple(1)=ACTIVE},
    // pending_status(3){migration(2){end_version(2)="2.0.0"}}, data_version(4)="1.1.0"
    byte[] wire =
        HEX.parseHex(
            "0a05"
                + "0804"
                + "120174"
                + "1202"
                + "0801"
                + "1a09"
                + "1207"
                + "1205"
                + "322e302e30"
                + "2205"
                + "312e312e30");
    InstanceStateProto state = InstanceStateProto.parseFrom(wire);
    assertThat(state.getSpec().getId()).isEqualTo(4);
    assertThat(state.getSpec().getName()).isEqualTo("t");
    assertThat(state.getStatus().getSimple()).isEqualTo(InstanceStatusProto.Simple.ACTIVE);
    assertThat(state.getPendingStatus().getMigration().getEndVersion()).isEqualTo("2.0.0");
    assertThat(state.getDataVersion()).isEqualTo("1.1.0");
    assertThat(state.toByteArray()).isEqualTo(wire);
  }

  @Test
  void artifactStateStatusNumbers() throws InvalidProtocolBufferException {
    // deploy_spec(1)="j", status(2)=DEPLOYING(1); UNLOADING is 0 and ACTIVE is 2.
    ArtifactStateProto state = ArtifactStateProto.parseFrom(HEX.parseHex("0a016a" + "1001"));
    assertThat(state.getStatus()).isEqualTo(ArtifactStateProto.Status.DEPLOYING);
    assertThat(ArtifactStateProto.Status.UNLOADING.getNumber()).isZero();
    assertThat(ArtifactStateProto.Status.ACTIVE.getNumber()).isEqualTo(2);
  }
}
