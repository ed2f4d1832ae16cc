package io.polyhost.benchmarks;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import java.nio.ByteBuffer;

/**
 * The service that block-execution benchmarks call: method 0 does nothing, method 1 moves one unit
 * between two accounts of a proof map (two reads, two writes). Its constructor opens {@code
 * accounts} accounts, so transfers touch a trie of realistic size.
 */
final class BenchBank {
  static final int NO_OP = 0;
  static final int TRANSFER = 1;

  /** Each account's opening balance: large enough that no transfer in a benchmark fails. */
  static final long OPENING_BALANCE = 1L << 40;

  private BenchBank() {}

  static ProofMapIndex<Integer, Long> balances(ExecutionContext context) {
    return context.serviceData().proofMap("balances", Serializers.int32(), Serializers.int64());
  }

  /** The constructor; {@code parameters} hold the number of accounts as a 4-byte int. */
  static void initialize(ExecutionContext context, byte[] parameters) {
    int accounts = ByteBuffer.wrap(parameters).getInt();
    var balances = balances(context);
    for (int i = 0; i < accounts; i++) {
      balances.put(i, OPENING_BALANCE);
    }
  }

  static void execute(ExecutionContext context, int methodId, byte[] arguments) {
    switch (methodId) {
      case NO_OP -> {}
      case TRANSFER -> transfer(context, ByteBuffer.wrap(arguments));
      default -> throw ExecutionException.service(1, "No method " + methodId);
    }
  }

  /** Arguments: from, to (ints), then a nonce that only makes the transaction unique. */
  private static void transfer(ExecutionContext context, ByteBuffer arguments) {
    int from = arguments.getInt();
    int to = arguments.getInt();
    var balances = balances(context);
    long fromBalance = balances.get(from).orElse(0L);
    if (fromBalance < 1) {
      throw ExecutionException.service(2, "Account " + from + " is empty");
    }
    long toBalance = balances.get(to).orElse(0L);
    balances.put(from, fromBalance - 1);
    balances.put(to, toBalance + 1);
  }
}
