package io.polyhost.host.blockchain;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockCertificate;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.storage.IndexAccess;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks of a crash-test chain as it lies in the database, after the node that wrote it died. */
final class ChainAudit {
  private ChainAudit() {}

  /**
   * Checks that the chain in {@code core} is well formed and holds exactly the blocks of {@code
   * blocks}, and returns its headers by height (none before genesis).
   *
   * <p>Per block: the header's height, time and previous hash; a certificate that verifies against
   * the validators; the stored transaction list equal to the generated one, with {@code tx_hash}
   * recomputed from it here and each location and body stored; {@code error_hash} matching the
   * stored errors. Beyond the last block nothing of a next block may be stored.
   */
  static List<Block> check(CoreSchema core, BankBlocks blocks, String context) {
    List<Block> chain = new ArrayList<>();
    if (!core.hasGenesis()) {
      return chain;
    }
    List<PublicKey> validators = core.validatorKeys();
    Hash previous = Hash.zero();
    long height = core.height();
    for (long h = 0; h <= height; h++) {
      String at = context + ", block " + h;
      Block block = core.block(h).orElseThrow(() -> new AssertionError(at + ": no header stored"));
      assertThat(block.height()).as("%s: height in the header", at).isEqualTo(h);
      assertThat(block.prevHash()).as("%s: prev_hash", at).isEqualTo(previous);
      assertThat(block.time()).as("%s: time", at).isEqualTo(BankBlocks.time(h));
      BlockCertificate certificate =
          core.certificate(block.hash())
              .orElseThrow(() -> new AssertionError(at + ": no certificate stored"));
      try {
        new BlockProof(block, certificate).verify(validators);
      } catch (ProofVerificationException e) {
        throw new AssertionError(at + ": the certificate does not verify: " + e.getMessage(), e);
      }
      List<Hash> txs = core.blockTransactions(h);
      List<Hash> expected =
          h == 0 ? List.of() : blocks.block(h).stream().map(SignedTransaction::hash).toList();
      assertThat(txs).as("%s: transactions", at).isEqualTo(expected);
      assertThat(block.txCount()).as("%s: tx_count", at).isEqualTo(txs.size());
      assertThat(block.txHash())
          .as("%s: tx_hash against the stored list", at)
          .isEqualTo(listHash(txs));
      for (int i = 0; i < txs.size(); i++) {
        assertThat(core.location(txs.get(i)))
            .as("%s: location of transaction %d", at, i)
            .contains(new TxLocation(h, i));
        assertThat(core.transaction(txs.get(i)))
            .as("%s: body of transaction %d", at, i)
            .isPresent();
      }
      assertThat(block.errorHash())
          .as("%s: error_hash against the stored errors", at)
          .isEqualTo(core.callErrors(h).hash());
      chain.add(block);
      previous = block.hash();
    }
    assertThat(core.blockTransactions(height + 1))
        .as("%s: transactions stored for block %d, which is not committed", context, height + 1)
        .isEmpty();
    assertThat(core.callErrors(height + 1).all())
        .as("%s: errors stored for block %d, which is not committed", context, height + 1)
        .isEmpty();
    return chain;
  }

  /** The bank's data outside the state hash (the journal and the last height), as text lines. */
  static Map<String, String> plainData(IndexAccess bank) {
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<Long, Long>> it = Bank.journal(bank).entries(); it.hasNext(); ) {
      Map.Entry<Long, Long> e = it.next();
      out.put("journal " + e.getKey(), e.getValue().toString());
    }
    out.put("last_height", String.valueOf(Bank.lastHeight(bank).get().orElse(-1L)));
    return out;
  }

  /** The sum of all balances, which transfers never change. */
  static long supply(IndexAccess bank) {
    long sum = 0;
    for (Iterator<Long> it = Bank.balances(bank).values(); it.hasNext(); ) {
      sum += it.next();
    }
    return sum;
  }

  /**
   * The object hash of a proof list of hashes, computed from its elements without the storage code:
   * leaves are value hashes, branches pair up level by level, and the root is tagged with the
   * length.
   */
  static Hash listHash(List<Hash> elements) {
    if (elements.isEmpty()) {
      return Hashing.list(0, Hash.zero());
    }
    List<Hash> level = new ArrayList<>();
    for (Hash e : elements) {
      level.add(Hashing.value(e.toBytes()));
    }
    while (level.size() > 1) {
      List<Hash> up = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        up.add(
            i + 1 < level.size()
                ? Hashing.listBranch(level.get(i), level.get(i + 1))
                : Hashing.listBranch(level.get(i)));
      }
      level = up;
    }
    return Hashing.list(elements.size(), level.getFirst());
  }
}
