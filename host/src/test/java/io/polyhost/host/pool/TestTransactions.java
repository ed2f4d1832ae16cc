package io.polyhost.host.pool;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Signed transactions for tests, and a {@code check_tx} whose inactive services tests choose. */
public final class TestTransactions {
  /** The service instance {@link #check()} treats as stopped. */
  public static final int INACTIVE_INSTANCE = 66;

  private static final KeyPair KEYS = KeyPair.fromSeed(new byte[32]);

  private TestTransactions() {}

  /** A transaction to instance {@code instance}, distinct for every {@code nonce}. */
  public static SignedTransaction tx(int instance, long nonce) {
    AnyTxProto call =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instance).setMethodId(0))
            .setArguments(ByteString.copyFromUtf8("nonce " + nonce))
            .build();
    return SignedMessage.sign(KEYS, call);
  }

  /** A transaction to an active service. */
  public static SignedTransaction tx(long nonce) {
    return tx(1, nonce);
  }

  /**
   * A check that fails transactions to {@link #INACTIVE_INSTANCE} and to any instance in {@code
   * stopped} (which the test may change) as not active.
   */
  public static TxCheck check(Set<Integer> stopped) {
    return tx ->
        tx.instanceId() == INACTIVE_INSTANCE || stopped.contains(tx.instanceId())
            ? Optional.of(
                ExecutionError.of(
                    CoreError.SERVICE_NOT_ACTIVE.kind(),
                    CoreError.SERVICE_NOT_ACTIVE.code(),
                    "service " + tx.instanceId() + " is stopped"))
            : Optional.empty();
  }

  /** A check that fails only transactions to {@link #INACTIVE_INSTANCE}. */
  public static TxCheck check() {
    return check(ConcurrentHashMap.newKeySet());
  }
}
