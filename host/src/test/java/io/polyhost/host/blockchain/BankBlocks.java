package io.polyhost.host.blockchain;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocks of the crash test as a pure function of the seed and the height, so the child that
 * commits them and the parent that replays them agree on every transaction and block time.
 *
 * <p>A block holds 0 to 24 transactions to the {@link Bank}: mostly transfers, some that fail for
 * lack of funds, some that throw after writing, and some to an instance that does not exist.
 */
final class BankBlocks {
  static final ArtifactId BANK = ArtifactId.parse("1:bank:1.0.0");
  static final int BANK_ID = 1;

  private final long seed;
  private final List<KeyPair> authors = new ArrayList<>();
  private final Map<Long, List<SignedTransaction>> made = new ConcurrentHashMap<>();

  BankBlocks(long seed) {
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 4; i++) {
      byte[] keySeed = new byte[32];
      random.nextBytes(keySeed);
      authors.add(KeyPair.fromSeed(keySeed));
    }
  }

  /** A chain in {@code dir} hosting the bank as instance {@value #BANK_ID}. */
  static TestChain chain(Path dir) {
    return TestChain.builder(dir)
        .artifact(BANK)
        .instance(new InstanceSpec(BANK_ID, "bank", BANK), new byte[0])
        .start(() ->
            Map.<Integer, Runtime>of(
                1, TestChain.withSupervisor(new TestRuntime(1, false)).offer(BANK, Bank::new)));
  }

  /** The time of the block at {@code height}: one second per block after genesis. */
  static Instant time(long height) {
    return TestChain.GENESIS_TIME.plusSeconds(height);
  }

  /** The transactions of the block at {@code height}; made once, then remembered. */
  List<SignedTransaction> block(long height) {
    return made.computeIfAbsent(height, this::make);
  }

  private List<SignedTransaction> make(long height) {
    SplittableRandom random = new SplittableRandom(seed ^ (height * 0x9E37_79B9_7F4A_7C15L));
    int count = random.nextInt(25);
    List<SignedTransaction> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(20);
      int instance = kind == 0 ? 9 : BANK_ID;
      int method = kind == 1 ? 2 : 1;
      long amount = kind == 2 ? Bank.OPENING_BALANCE * Bank.ACCOUNTS : 1 + random.nextInt(200);
      byte[] arguments =
          ByteBuffer.allocate(24)
              .putInt(random.nextInt(Bank.ACCOUNTS))
              .putInt(random.nextInt(Bank.ACCOUNTS))
              .putLong(amount)
              .putLong(height * 1000 + i)
              .array();
      AnyTxProto tx =
          AnyTxProto.newBuilder()
              .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instance).setMethodId(method))
              .setArguments(ByteString.copyFrom(arguments))
              .build();
      txs.add(SignedMessage.sign(authors.get(random.nextInt(authors.size())), tx));
    }
    return List.copyOf(txs);
  }
}
