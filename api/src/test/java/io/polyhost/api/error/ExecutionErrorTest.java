package io.polyhost.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenarios of the reference's {@code runtime/error/tests.rs} that apply to the Java model. */
class ExecutionErrorTest {
  @Test
  void codesMatchTheReference() {
    assertThat(CoreError.INCORRECT_RUNTIME.code()).isZero();
    assertThat(CoreError.INCORRECT_INSTANCE_ID.code()).isEqualTo(7);
    assertThat(CoreError.STACK_OVERFLOW.code()).isEqualTo(8);
    assertThat(CoreError.INCORRECT_CALL.code()).isEqualTo(14);
    assertThat(CoreError.CANNOT_UNLOAD_ARTIFACT.code()).isEqualTo(15);
    assertThat(CoreError.values()).hasSize(16);
    for (CoreError e : CoreError.values()) {
      assertThat(e.code()).isEqualTo(e.ordinal());
    }
    assertThat(CommonError.METHOD_REMOVED.code()).isEqualTo(4);
    assertThat(CommonError.FEATURE_NOT_SUPPORTED.code()).isEqualTo(5);
  }

  @Test // execution_error_binary_value_round_trip
  void binaryRoundTrip() {
    ExecutionError error =
        CoreError.INCORRECT_CALL
            .error("child failed")
            .withRuntimeId(1)
            .at(CallSite.method(3, "", 2))
            .at(CallSite.of(0, CallType.AFTER_TRANSACTIONS));
    assertThat(ExecutionError.parse(error.toProto().toByteArray())).isEqualTo(error);
    assertThat(error.backtrace()).containsExactly(CallSite.of(0, CallType.AFTER_TRANSACTIONS));
  }

  @Test // execution_error_binary_value_unexpected_with_code
  void unexpectedErrorsHaveCodeZero() {
    assertThatThrownBy(() -> ExecutionError.of(ErrorKind.UNEXPECTED, 3, "boom"))
        .hasMessageContaining("code 0");
    var proto = ExecutionError.unexpected("x").toProto().toBuilder().setCode(5).build();
    assertThatThrownBy(() -> ExecutionError.fromProto(proto)).hasMessageContaining("code 0");
  }

  @Test // execution_error_object_hash_description
  void descriptionAndBacktraceDoNotEnterTheConsensusHash() {
    ExecutionError a = ExecutionError.service(5, "one text").withRuntimeId(2);
    ExecutionError b = ExecutionError.service(5, "another text").withRuntimeId(2);
    assertThat(a.consensusHash()).isEqualTo(b.consensusHash());
    assertThat(a.at(CallSite.method(1, "", 1)).at(CallSite.method(0, "", 0)).consensusHash())
        .isEqualTo(b.at(CallSite.method(1, "", 1)).consensusHash());
    assertThat(ExecutionError.service(6, "one text").withRuntimeId(2).consensusHash())
        .isNotEqualTo(a.consensusHash());
    assertThat(a.at(CallSite.method(1, "", 1)).consensusHash()).isNotEqualTo(a.consensusHash());
    assertThat(ExecutionError.service(5, "one text").withRuntimeId(1).consensusHash())
        .isNotEqualTo(a.consensusHash());
  }

  @Test // execution_error_display
  void display() {
    assertThat(CoreError.INCORRECT_INSTANCE_ID.error("no such instance").toString())
        .isEqualTo("core:7: no such instance");
    assertThat(
            ExecutionError.service(3, "bad")
                .withRuntimeId(1)
                .at(CallSite.method(4, "exonum.Configure", 1))
                .toString())
        .isEqualTo("service:3 in runtime 1 at instance 4 method exonum.Configure.1: bad");
  }

  @Test
  void innermostRuntimeIdWins() {
    assertThat(ExecutionError.service(1, "x").withRuntimeId(2).withRuntimeId(1).runtimeId())
        .hasValue(2);
  }

  @Test
  void exceptionsCarryTheirError() {
    ExecutionException e = CommonError.NO_SUCH_METHOD.exception("method 9");
    assertThat(e.error().is(CommonError.NO_SUCH_METHOD)).isTrue();
    assertThat(e.error().is(CoreError.STACK_OVERFLOW)).isFalse();
    assertThat(e).hasMessage("common:1: method 9");
    assertThat(List.of(e.getStackTrace())).isEmpty();
  }
}
