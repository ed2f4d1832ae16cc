package io.polyhost.storage.index;

import org.junit.jupiter.api.Test;

/**
 * The model checks of every simple index view as JUnit tests, against whatever raw indexes a
 * subclass provides: memory here, the real database (with flushes, merges and reopens between
 * operations) elsewhere. Each test prints its seed; {@code -Dpolyhost.seed=N} replays it.
 */
public abstract class IndexModelContract {
  /** The raw indexes under test. */
  protected abstract RawIndexSource source();

  /** Random operations per test; a slow source may run fewer. */
  protected int operations() {
    return 3000;
  }

  private long seed(String test) {
    return Seeds.pick(getClass().getSimpleName() + "." + test);
  }

  @Test
  void entry() {
    EntryModelCheck.runEntry(source(), seed("entry"), operations());
  }

  @Test
  void proofEntry() {
    EntryModelCheck.runProofEntry(source(), seed("proofEntry"), operations());
  }

  @Test
  void list() {
    ListModelCheck.run(source(), seed("list"), operations());
  }

  @Test
  void proofList() {
    ProofListModelCheck.run(source(), seed("proofList"), operations());
  }

  @Test
  void map() {
    MapModelCheck.run(source(), seed("map"), operations());
  }

  @Test
  void keySet() {
    KeySetModelCheck.run(source(), seed("keySet"), operations());
  }

  @Test
  void valueSet() {
    ValueSetModelCheck.run(source(), seed("valueSet"), operations());
  }

  @Test
  void sparseList() {
    SparseListModelCheck.run(source(), seed("sparseList"), operations());
  }
}
