package io.polyhost.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.proto.CallerProto;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallerTest {
  @Test // caller_addresses
  void addressesDifferBetweenKindsAndRoundTrip() {
    List<Caller> callers =
        List.of(
            new Caller.Transaction(KeyPair.fromSeed(new byte[32]).publicKey()),
            new Caller.Service(0),
            new Caller.Service(1),
            Caller.Blockchain.INSTANCE);
    assertThat(new HashSet<>(callers.stream().map(Caller::address).toList())).hasSize(4);
    for (Caller c : callers) {
      assertThat(Caller.fromProto(c.toProto())).isEqualTo(c);
    }
  }

  @Test
  void onlyInstanceZeroIsTheSupervisor() {
    assertThat(new Caller.Service(0).isSupervisor()).isTrue();
    assertThat(new Caller.Service(1).isSupervisor()).isFalse();
    assertThat(Caller.Blockchain.INSTANCE.isSupervisor()).isFalse();
  }

  @Test
  void emptyProtoIsRejected() {
    assertThatThrownBy(() -> Caller.fromProto(CallerProto.getDefaultInstance()))
        .hasMessageContaining("not set");
  }
}
