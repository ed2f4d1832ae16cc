package io.polyhost.runtime.java;

import io.polyhost.runtime.java.GasCalls.Target;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ConstantPool;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Instruments a class by editing its bytes ({@link CodeBytesMeter} per method), where {@code
 * java.lang.classfile}'s transform would decode every metered method into elements, count its
 * stack, and encode it again: most of a deploy's instrumentation time. The result meters exactly
 * like {@link MethodMeter}'s: the same calls at the same places, with the same frame sizes.
 *
 * <p>The original constant pool is kept as it is and the {@link Gas} entries are appended, so
 * nothing else in the class moves. A class that needs what only {@link MethodMeter} does (handlers,
 * multi-dimensional arrays, JDK bridges, unusual attributes or layouts) is left to it: which way a
 * class goes depends only on its bytes, so every node makes the same bytes.
 */
final class DirectMeter {
  private static final String GAS = Gas.class.getName().replace('.', '/');

  private DirectMeter() {}

  /** Why a class is left to {@link MethodMeter}; not an error. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * {@code bytes}, the class {@code model} was parsed from, with the methods in {@code metered}
   * metered; empty if the class must go through {@link MethodMeter}.
   */
  static Optional<byte[]> instrument(
      byte[] bytes, ClassModel model, Set<MethodModel> metered, ArtifactClasses classes) {
    try {
      return Optional.of(rewrite(bytes, model, metered, classes));
    } catch (Unsupported e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      // Malformed code the policy's walk let through: MethodMeter reports it as before.
      return Optional.empty();
    }
  }

  private static byte[] rewrite(
      byte[] bytes, ClassModel model, Set<MethodModel> metered, ArtifactClasses classes) {
    ClassLayout layout = ClassLayout.read(bytes);
    List<MethodModel> methods = model.methods();
    if (methods.size() != layout.codeAttributes.length) {
      throw new Unsupported("methods do not match");
    }
    PoolTail tail = new PoolTail(layout.poolCount);
    GasRefs gas = new GasRefs(tail);
    ConstantPool pool = model.constantPool();
    // Everything after the pool, with the metered methods' code replaced; the pool grows meanwhile.
    Bytes rest = new Bytes(bytes.length * 3 / 2);
    CodeBytesMeter meter = new CodeBytesMeter(layout, pool, classes, gas);
    int copied = layout.poolEnd;
    for (int m = 0; m < methods.size(); m++) {
      if (metered.contains(methods.get(m))) {
        int at = layout.codeAttributes[m];
        if (at < 0) {
          throw new Unsupported("a metered method without code");
        }
        rest.add(bytes, copied, at - copied);
        meter.rewrite(at, rest);
        copied = at + 6 + ClassLayout.u4(bytes, at + 2);
      }
    }
    rest.add(bytes, copied, bytes.length - copied);
    if (tail.poolCount() > 0xffff) {
      throw new Unsupported("constant pool full");
    }
    byte[] added = tail.bytes();
    Bytes out = new Bytes(layout.poolEnd + added.length + rest.size());
    out.add(bytes, 0, 8).u2(tail.poolCount()).add(bytes, 10, layout.poolEnd - 10);
    out.add(added).add(rest);
    return out.toArray();
  }

  /** The pool indexes of the {@link Gas} methods one class calls, appended on first use. */
  static final class GasRefs {
    private final PoolTail tail;
    private final int[] targets = new int[Target.values().length];
    private final byte[][] charges = new byte[Target.values().length][];
    private byte[] tick = new byte[0];

    GasRefs(PoolTail tail) {
      this.tail = tail;
    }

    int ref(Target target) {
      int index = targets[target.ordinal()];
      if (index == 0) {
        index = tail.methodRef(GAS, target.method(), target.descriptor());
        targets[target.ordinal()] = index;
      }
      return index;
    }

    /** The {@code Gas} method that replaces a priced JDK call. */
    int replacement(String name, String descriptor) {
      return tail.methodRef(GAS, name, descriptor);
    }

    int integer(int value) {
      return tail.integer(value);
    }

    /** {@code dup} and {@code invokestatic} of {@code target}: shared, never written to. */
    byte[] charge(Target target) {
      byte[] charge = charges[target.ordinal()];
      if (charge == null) {
        charge = new Bytes(4).u1(0x59).call(ref(target)).toArray();
        charges[target.ordinal()] = charge;
      }
      return charge;
    }

    /** {@code invokestatic Gas.tick()}: shared, never written to. */
    byte[] tick() {
      if (tick.length == 0) {
        tick = new Bytes(3).call(ref(Target.TICK)).toArray();
      }
      return tick;
    }
  }
}
