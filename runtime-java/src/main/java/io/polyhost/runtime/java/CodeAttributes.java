package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.ClassLayout.u2;
import static io.polyhost.runtime.java.ClassLayout.u4;

import java.util.function.IntUnaryOperator;

/**
 * Copies the attributes of a {@code Code} attribute for {@link CodeBytesMeter}, with every code
 * offset moved to where the instruction went: line numbers, local variable ranges and stack-map
 * frames. Any other attribute (type annotations on code, say) is {@link DirectMeter.Unsupported}.
 */
final class CodeAttributes {
  private final ClassLayout layout;
  private final IntUnaryOperator moved;

  CodeAttributes(ClassLayout layout, IntUnaryOperator moved) {
    this.layout = layout;
    this.moved = moved;
  }

  /** Copies the attribute at {@code at} into {@code out}; returns the offset after it. */
  int copy(int at, Bytes out) {
    byte[] b = layout.bytes;
    int name = u2(b, at);
    int end = at + 6 + u4(b, at + 2);
    out.u2(name).u4(0); // length, filled in below
    int bodyAt = out.size();
    Bytes body = out;
    int p = at + 6;
    if (layout.isUtf8(name, "LineNumberTable")) {
      int count = u2(b, p);
      body.u2(count);
      for (int i = 0; i < count; i++, p += 4) {
        body.u2(moved.applyAsInt(u2(b, p + 2))).u2(u2(b, p + 4));
      }
    } else if (layout.isUtf8(name, "LocalVariableTable")
        || layout.isUtf8(name, "LocalVariableTypeTable")) {
      int count = u2(b, p);
      body.u2(count);
      for (int i = 0; i < count; i++, p += 10) {
        int start = u2(b, p + 2);
        int newStart = moved.applyAsInt(start);
        body.u2(newStart).u2(moved.applyAsInt(start + u2(b, p + 4)) - newStart);
        body.add(b, p + 6, 6); // name, descriptor, slot
      }
    } else if (layout.isUtf8(name, "StackMapTable")) {
      frames(at + 6, body);
    } else {
      throw new DirectMeter.Unsupported("code attribute " + name);
    }
    out.setU4(bodyAt - 4, out.size() - bodyAt);
    return end;
  }

  /**
   * The stack-map frames at {@code p}, each moved. A frame's offset is a delta from the previous
   * frame, so a compact frame whose delta grows past 63 takes its extended form.
   */
  private void frames(int p, Bytes out) {
    byte[] b = layout.bytes;
    int count = u2(b, p);
    out.u2(count);
    p += 2;
    int oldBci = -1;
    int newBci = -1;
    for (int i = 0; i < count; i++) {
      int type = b[p] & 0xff;
      int delta = type < 128 ? type & 63 : u2(b, p + 1);
      if (type >= 128 && type < 247) {
        throw new DirectMeter.Unsupported("frame type " + type);
      }
      oldBci += delta + 1;
      int target = moved.applyAsInt(oldBci);
      int newDelta = target - newBci - 1;
      newBci = target;
      if (type < 64) {
        p += 1;
        if (newDelta < 64) {
          out.u1(newDelta);
        } else {
          out.u1(251).u2(newDelta);
        }
      } else if (type < 128) {
        p += 1;
        out.u1(newDelta < 64 ? 64 + newDelta : 247);
        if (newDelta >= 64) {
          out.u2(newDelta);
        }
        p = type(p, out);
      } else {
        out.u1(type).u2(newDelta);
        p += 3;
        if (type == 247) {
          p = type(p, out);
        } else if (type >= 252 && type <= 254) {
          for (int k = 0; k < type - 251; k++) {
            p = type(p, out);
          }
        } else if (type == 255) {
          for (int list = 0; list < 2; list++) {
            int n = u2(b, p);
            out.u2(n);
            p += 2;
            for (int k = 0; k < n; k++) {
              p = type(p, out);
            }
          }
        }
      }
    }
  }

  /** Copies one verification type at {@code p}; an uninitialized one's {@code new} is moved. */
  private int type(int p, Bytes out) {
    byte[] b = layout.bytes;
    int tag = b[p] & 0xff;
    if (tag == 7) {
      out.add(b, p, 3);
      return p + 3;
    }
    if (tag == 8) {
      out.u1(8).u2(moved.applyAsInt(u2(b, p + 1)));
      return p + 3;
    }
    if (tag > 8) {
      throw new DirectMeter.Unsupported("verification type " + tag);
    }
    out.u1(tag);
    return p + 1;
  }
}
