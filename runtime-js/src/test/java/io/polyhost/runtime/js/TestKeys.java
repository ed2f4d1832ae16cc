package io.polyhost.runtime.js;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.runtime.Caller;

/** A fixed transaction author. */
final class TestKeys {
  static final PublicKey AUTHOR =
      PublicKey.of(
          new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
          });

  private TestKeys() {}

  static Caller author() {
    return new Caller.Transaction(AUTHOR);
  }
}
