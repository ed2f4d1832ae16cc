package io.polyhost.runtime.js;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * Bytes handed to the guest as a read-only array of unsigned numbers, which the service API turns
 * into a {@code Uint8Array}; host arrays themselves are not visible under the constrained sandbox.
 */
final class ByteArrayProxy implements ProxyArray {
  private final byte[] bytes;

  ByteArrayProxy(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public Object get(long index) {
    return bytes[Math.toIntExact(index)] & 0xff;
  }

  @Override
  public void set(long index, Value value) {
    throw new UnsupportedOperationException("Bytes read from storage are read-only");
  }

  @Override
  public long getSize() {
    return bytes.length;
  }
}
