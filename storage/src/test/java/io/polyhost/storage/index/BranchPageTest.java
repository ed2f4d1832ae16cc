package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ProofPath;
import org.junit.jupiter.api.Test;

/** The name a changed page is cached under: the hash of its top branch after the changes. */
class BranchPageTest {
  private static final int STRIDE = 4;

  // A page of three branches: the root (slot 1) and its children "0" (slot 2) and "1" (slot 3),
  // each of those with two leaves.
  private final ProofPath a = leaf(0x00);
  private final ProofPath b = leaf(0x40);
  private final ProofPath c = leaf(0x80);
  private final ProofPath d = leaf(0xc0);
  private final byte[] zero = branch(a, b);
  private final byte[] one = branch(c, d);
  private final byte[] root =
      BranchBody.encode(
          new NodeRef(a.prefix(1), BranchBody.hash(zero)),
          new NodeRef(c.prefix(1), BranchBody.hash(one)));
  private final byte[] stored = storedPage();

  @Test
  void aStoredBranchLeftOnTopByRemovalsIsNamedByTheHashOfItsBody() {
    BranchPage page = new BranchPage(STRIDE, stored);
    page.remove(slot(ProofPath.empty()));
    page.remove(slot(c.prefix(1)));

    assertThat(page.topHash(BranchBody.hash(root))).isEqualTo(BranchBody.hash(zero));
  }

  @Test
  void anUnchangedStoredTopIsNamedEvenIfItsHashWasNotGiven() {
    BranchPage page = new BranchPage(STRIDE, stored);
    page.put(slot(c.prefix(1)), branch(d, c), Hash.sha256(new byte[] {1}));

    assertThat(page.topHash(null)).isEqualTo(BranchBody.hash(root));
    Hash given = Hash.sha256(new byte[] {2});
    assertThat(page.topHash(given)).as("a given stored top hash is trusted").isEqualTo(given);
  }

  @Test
  void aChangedTopIsNamedByItsNewHashAndAnEmptiedPageByNothing() {
    BranchPage changed = new BranchPage(STRIDE, stored);
    Hash newRoot = Hash.sha256(new byte[] {3});
    changed.put(slot(ProofPath.empty()), root, newRoot);
    assertThat(changed.topHash(null)).isEqualTo(newRoot);

    BranchPage emptied = new BranchPage(STRIDE, stored);
    for (ProofPath p : new ProofPath[] {ProofPath.empty(), a.prefix(1), c.prefix(1)}) {
      emptied.remove(slot(p));
    }
    assertThat(emptied.topHash(BranchBody.hash(root))).isNull();
    assertThat(emptied.encode()).isNull();
  }

  private byte[] storedPage() {
    BranchPage page = new BranchPage(STRIDE, null);
    page.put(slot(ProofPath.empty()), root, BranchBody.hash(root));
    page.put(slot(a.prefix(1)), zero, BranchBody.hash(zero));
    page.put(slot(c.prefix(1)), one, BranchBody.hash(one));
    byte[] bytes = page.encode();
    if (bytes == null) {
      throw new AssertionError("a page of three branches encoded to nothing");
    }
    return bytes;
  }

  private static int slot(ProofPath path) {
    return BranchPage.slot(path, STRIDE);
  }

  private static byte[] branch(ProofPath left, ProofPath right) {
    return BranchBody.encode(
        new NodeRef(left, Hash.sha256(left.encode())),
        new NodeRef(right, Hash.sha256(right.encode())));
  }

  private static ProofPath leaf(int firstByte) {
    byte[] key = new byte[ProofPath.KEY_SIZE];
    key[0] = (byte) firstByte;
    key[31] = 1;
    return ProofPath.ofKey(key);
  }
}
