package io.polyhost.host.blockchain;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.host.testing.TestService;
import java.nio.ByteBuffer;

/**
 * The service of the blockchain crash test: transfers between {@link #ACCOUNTS} accounts in a proof
 * map, a plain-map journal of every transfer, and hooks that write both kinds of index.
 *
 * <p>Method 1 moves {@code amount} from one account to another, failing with service error 1 if the
 * payer has too little; method 2 does the same and then throws, so its writes must be rolled back.
 * The before-transactions hook counts blocks in a proof entry; the after-transactions hook records
 * the height in a plain entry and fails with service error 9 on every fifth block, after writing.
 * Arguments: from, to (ints), amount, nonce (longs).
 */
final class Bank implements TestService {
  static final int ACCOUNTS = 50;
  static final long OPENING_BALANCE = 1_000;

  static ProofMapIndex<Integer, Long> balances(IndexAccess data) {
    return data.proofMap("balances", Serializers.int32(), Serializers.int64());
  }

  /** Nonce of each successful transfer → the height of its block; a plain map, not hashed. */
  static MapIndex<Long, Long> journal(IndexAccess data) {
    return data.map("journal", Serializers.int64(), Serializers.int64());
  }

  static ProofEntry<Long> blocks(IndexAccess data) {
    return data.proofEntry("blocks", Serializers.int64());
  }

  static Entry<Long> lastHeight(IndexAccess data) {
    return data.entry("last_height", Serializers.int64());
  }

  @Override
  public void initialize(ExecutionContext context, byte[] parameters) {
    var balances = balances(context.serviceData());
    for (int i = 0; i < ACCOUNTS; i++) {
      balances.put(i, OPENING_BALANCE);
    }
  }

  @Override
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    ByteBuffer args = ByteBuffer.wrap(arguments);
    int from = args.getInt();
    int to = args.getInt();
    long amount = args.getLong();
    long nonce = args.getLong();
    IndexAccess data = context.serviceData();
    var balances = balances(data);
    long fromBalance = balances.get(from).orElse(0L);
    if (fromBalance < amount) {
      throw ExecutionException.service(1, "Account " + from + " holds less than " + amount);
    }
    balances.put(from, fromBalance - amount);
    balances.put(to, balances.get(to).orElse(0L) + amount);
    journal(data).put(nonce, context.height());
    if (methodId == 2) {
      throw new IllegalStateException("Fails after writing, to be rolled back");
    }
  }

  @Override
  public void beforeTransactions(ExecutionContext context) {
    var blocks = blocks(context.serviceData());
    blocks.set(blocks.get().orElse(0L) + 1);
  }

  @Override
  public void afterTransactions(ExecutionContext context) {
    lastHeight(context.serviceData()).set(context.height());
    if (!context.inGenesisBlock() && context.height() % 5 == 0) {
      throw ExecutionException.service(9, "Every fifth block's hook fails after writing");
    }
  }
}
