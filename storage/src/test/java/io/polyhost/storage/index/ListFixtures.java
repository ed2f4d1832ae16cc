package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.storage.RawIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/** Elements and checks shared by the proof list tests. */
final class ListFixtures {
  private ListFixtures() {}

  /** A distinct element for position {@code i}; every seventh one is empty, to cover that case. */
  static byte[] element(long i) {
    return i % 7 == 3 ? new byte[0] : ("element-" + i).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code count} elements starting with {@code element(from)}. */
  static List<byte[]> elements(long from, int count) {
    List<byte[]> elements = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      elements.add(element(from + i));
    }
    return elements;
  }

  /** A list of {@code length} elements built with both add and addAll. */
  static ProofListIndexView<byte[]> fill(ProofListIndexView<byte[]> list, int length) {
    int half = length / 2;
    list.addAll(elements(0, half));
    for (int i = half; i < length; i++) {
      list.add(element(i));
    }
    return list;
  }

  static List<String> hex(Iterable<byte[]> values) {
    return hex(values.iterator());
  }

  static List<String> hex(Iterator<byte[]> values) {
    List<String> hex = new ArrayList<>();
    values.forEachRemaining(v -> hex.add(hex(v)));
    return hex;
  }

  static String hex(byte[] value) {
    return HexFormat.of().formatHex(value);
  }

  /**
   * The raw index holds exactly the elements and the tree nodes above the value hashes (which are
   * derived from the elements, not stored) of a list of {@code length}.
   */
  static void assertLayout(RawIndex raw, long length, String context) {
    long expected = length;
    for (int height = 1; height <= 63 && ListTree.width(height, length) > 0; height++) {
      expected += ListTree.width(height, length);
    }
    long stored = 0;
    for (Iterator<?> it = raw.iterator(); it.hasNext(); it.next()) {
      stored++;
    }
    assertThat(stored).as("raw entries (elements + nodes), " + context).isEqualTo(expected);
    if (length == 0) {
      assertThat(raw.state()).as("state of an empty list, " + context).isNull();
    }
  }
}
