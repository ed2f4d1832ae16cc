package io.polyhost.supervisor;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.util.List;

/** Who may act on the supervisor and how many must agree. */
final class Validators {
  private Validators() {}

  /**
   * The author of the transaction being executed, who must be a validator (by service key).
   *
   * @throws io.polyhost.api.error.ExecutionException with {@code UNAUTHORIZED_CALLER} otherwise
   */
  static PublicKey author(ExecutionContext context) {
    if (!(context.caller() instanceof Caller.Transaction tx)) {
      throw CommonError.UNAUTHORIZED_CALLER.exception(
          "Supervisor transactions must be signed by a validator; the caller is "
              + context.caller());
    }
    if (!serviceKeys(context.data().consensusConfig()).contains(tx.author())) {
      throw CommonError.UNAUTHORIZED_CALLER.exception(
          "Only validators may send supervisor transactions; "
              + tx.author().toHex()
              + " is not the service key of a validator");
    }
    return tx.author();
  }

  /** The validators' service keys, in validator order. */
  static List<PublicKey> serviceKeys(ConsensusConfigProto config) {
    return config.getValidatorKeysList().stream()
        .map(keys -> PublicKey.fromProto(keys.getServiceKey()))
        .toList();
  }

  /** The votes a decision needs among {@code validators} validators in {@code mode}. */
  static int quorum(SupervisorMode mode, int validators) {
    return mode == SupervisorMode.DECENTRALIZED ? validators * 2 / 3 + 1 : 1;
  }
}
