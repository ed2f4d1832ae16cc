package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.ClassLayout.u2;
import static io.polyhost.runtime.java.ClassLayout.u4;

import io.polyhost.runtime.java.GasCalls.Target;
import java.lang.classfile.constantpool.ConstantPool;
import java.lang.classfile.constantpool.InvokeDynamicEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Meters one method's {@code Code} attribute by editing its bytes: the same calls in the same
 * places as {@link MethodMeter}, without decoding the code into elements and encoding it again.
 *
 * <p>Two passes. The first decides each instruction's insertions (before it, instead of it, after
 * it) and lays the new code out, so every old position has a new one; the second writes the code
 * with branch offsets and switch padding recomputed, then the line numbers, local variable ranges
 * and stack-map frames with their offsets moved. A branch to an instruction lands before what is
 * inserted before it (a loop's jump back pays its tick), as {@link MethodMeter}'s labels do. The
 * frames hold at the new positions because inserted code leaves the operand stack as it found it.
 *
 * <p>Methods with exception handlers, multi-dimensional arrays, lambdas that need a JDK bridge, or
 * anything unusual throw {@link DirectMeter.Unsupported}; their class goes through {@link
 * MethodMeter}.
 */
final class CodeBytesMeter {
  /** No insertion; as an instruction's replacement, the instruction as it is. */
  private static final byte[] NONE = new byte[0];

  /**
   * What {@link #kind} answers for the branches with a 16-bit offset ({@code if*}, {@code goto},
   * {@code ifnull}, {@code ifnonnull}); not an opcode, so it cannot clash with one.
   */
  private static final int SHORT_BRANCH = -1;

  private final ClassLayout layout;
  private final byte[] b;
  private final ConstantPool pool;
  private final ArtifactClasses classes;
  private final DirectMeter.GasRefs gas;

  private int code;
  private int length;
  private int extraStack;

  /** The new position of each old one (where a branch to it lands), -1 between instructions. */
  private int[] at = new int[256];

  /** The instructions with insertions, in code order: their offsets and what is inserted. */
  private int[] edited = new int[16];

  private byte[][] before = new byte[16][];
  private byte[][] instead = new byte[16][];
  private byte[][] after = new byte[16][];
  private int edits;

  CodeBytesMeter(
      ClassLayout layout, ConstantPool pool, ArtifactClasses classes, DirectMeter.GasRefs gas) {
    this.layout = layout;
    this.b = layout.bytes;
    this.pool = pool;
    this.classes = classes;
    this.gas = gas;
  }

  /**
   * Writes to {@code out} the metered attribute replacing the {@code Code} attribute at offset
   * {@code attribute}.
   */
  void rewrite(int attribute, Bytes out) {
    int maxStack = u2(b, attribute + 6);
    int maxLocals = u2(b, attribute + 8);
    length = u4(b, attribute + 10);
    code = attribute + 14;
    int tableAt = code + length;
    if (length <= 0 || u2(b, tableAt) != 0) {
      throw new DirectMeter.Unsupported("exception handlers");
    }
    int frame = maxLocals + maxStack + MethodMeter.FRAME_OVERHEAD;
    Bytes entry = new Bytes(8);
    loadConstant(entry, frame);
    entry.call(gas.ref(Target.ENTER)).u1(0x57); // pop: only handlers need the level
    Bytes exit = new Bytes(8);
    loadConstant(exit, frame);
    exit.call(gas.ref(Target.EXIT));
    extraStack = 1;
    int newLength = layOut(entry.size(), exit.toArray());
    if (newLength > 0xffff || maxStack + extraStack > 0xffff) {
      throw new DirectMeter.Unsupported("code too long");
    }
    int start = out.size();
    out.u2(u2(b, attribute)).u4(0); // length, filled in below
    out.u2(Math.max(maxStack + extraStack, 1)).u2(maxLocals).u4(newLength);
    out.add(entry.toArray());
    emitCode(out, start + 14);
    if (out.size() != start + 14 + newLength) {
      throw new IllegalStateException("code laid out at " + newLength + " written differently");
    }
    out.u2(0); // no exception handlers
    int attributesAt = tableAt + 2;
    int count = u2(b, attributesAt);
    out.u2(count);
    int a = attributesAt + 2;
    CodeAttributes attributes = new CodeAttributes(layout, this::moved);
    for (int i = 0; i < count; i++) {
      a = attributes.copy(a, out);
    }
    out.setU4(start + 2, out.size() - start - 6);
  }

  /**
   * Decides every instruction's insertions and returns the new code length; fills {@link #at} with
   * the new position of each old one.
   */
  private int layOut(int start, byte[] exit) {
    if (at.length < length + 1) {
      at = new int[Math.max(length + 1, at.length * 2)];
    }
    Arrays.fill(at, 0, length + 1, -1);
    edits = 0;
    int pos = start;
    for (int bci = 0; bci < length; ) {
      int op = op(bci);
      int size = size(bci);
      if (bci + size > length) {
        throw new DirectMeter.Unsupported("an instruction runs past the code");
      }
      at[bci] = pos;
      byte[] pre = NONE;
      byte[] mid = NONE;
      byte[] post = NONE;
      switch (kind(op)) {
        case 0xac, 0xad, 0xae, 0xaf, 0xb0, 0xb1 -> pre = exit; // returns
        case SHORT_BRANCH -> {
          if (bci + s2(bci + 1) <= bci) {
            pre = tick();
          }
        }
        case 0xc8 -> {
          if (bci + u4(b, code + bci + 1) <= bci) {
            pre = tick();
          }
        }
        case 0xaa, 0xab -> {
          if (switchGoesBack(bci)) {
            pre = tick();
          }
        }
        case 0xbc -> pre = chargeArray(primitiveBytes(op(bci + 1)));
        case 0xbd -> pre = chargeArray(8);
        case 0xb6, 0xb7, 0xb8, 0xb9 -> {
          byte[][] parts = invoke(bci);
          pre = parts[0];
          mid = parts[1];
          post = parts[2];
        }
        case 0xba -> post = invokeDynamic(bci);
        case 0xa8, 0xa9, 0xc9, 0xc5 -> throw new DirectMeter.Unsupported("opcode " + op);
        default -> {}
      }
      if (pre != NONE || mid != NONE || post != NONE) {
        note(bci, pre, mid, post);
      }
      pos += pre.length;
      if (op == 0xaa || op == 0xab) {
        pos += 1 + padding(pos) + size - 1 - padding(bci); // padded for its new position
      } else {
        pos += mid != NONE ? mid.length : size;
      }
      pos += post.length;
      bci += size;
    }
    at[length] = pos;
    return pos;
  }

  private void note(int bci, byte[] pre, byte[] mid, byte[] post) {
    if (edits == edited.length) {
      int grown = edits * 2;
      edited = Arrays.copyOf(edited, grown);
      before = Arrays.copyOf(before, grown);
      instead = Arrays.copyOf(instead, grown);
      after = Arrays.copyOf(after, grown);
    }
    edited[edits] = bci;
    before[edits] = pre;
    instead[edits] = mid;
    after[edits] = post;
    edits++;
  }

  /** Writes the new code; {@code base} is the offset in {@code out} where the code starts. */
  private void emitCode(Bytes out, int base) {
    int next = 0;
    for (int bci = 0; bci < length; ) {
      int op = op(bci);
      int size = size(bci);
      boolean edit = next < edits && edited[next] == bci;
      if (edit) {
        out.add(before[next]);
      }
      int here = out.size() - base;
      switch (kind(op)) {
        case SHORT_BRANCH -> {
          int offset = jump(bci, s2(bci + 1), here);
          if (offset != (short) offset) {
            throw new DirectMeter.Unsupported("branch out of range");
          }
          out.u1(op).u2(offset);
        }
        case 0xc8 -> out.u1(op).u4(jump(bci, u4(b, code + bci + 1), here));
        case 0xaa, 0xab -> emitSwitch(out, bci, here);
        default -> {
          if (edit && instead[next] != NONE) {
            out.add(instead[next]);
          } else {
            out.add(b, code + bci, size);
          }
        }
      }
      if (edit) {
        out.add(after[next]);
        next++;
      }
      bci += size;
    }
  }

  private void emitSwitch(Bytes out, int bci, int here) {
    int old = bci + 1 + padding(bci);
    out.u1(op(bci));
    for (int i = padding(here); i > 0; i--) {
      out.u1(0);
    }
    out.u4(jump(bci, u4(b, code + old), here));
    if (op(bci) == 0xaa) {
      int low = u4(b, code + old + 4);
      int high = u4(b, code + old + 8);
      out.u4(low).u4(high);
      for (int i = 0; i <= high - low; i++) {
        out.u4(jump(bci, u4(b, code + old + 12 + 4 * i), here));
      }
    } else {
      int pairs = u4(b, code + old + 4);
      out.u4(pairs);
      for (int i = 0; i < pairs; i++) {
        out.u4(u4(b, code + old + 8 + 8 * i));
        out.u4(jump(bci, u4(b, code + old + 12 + 8 * i), here));
      }
    }
  }

  /** The new offset of a branch at {@code bci} (now at {@code here}) by {@code offset}. */
  private int jump(int bci, int offset, int here) {
    return moved(bci + offset) - here;
  }

  /** The new position of old position {@code bci}, an instruction's start or the code's end. */
  int moved(int bci) {
    if (bci < 0 || bci > length || at[bci] < 0) {
      throw new DirectMeter.Unsupported("offset " + bci + " is not an instruction");
    }
    return at[bci];
  }

  private boolean switchGoesBack(int bci) {
    int old = bci + 1 + padding(bci);
    boolean back = u4(b, code + old) <= 0;
    if (op(bci) == 0xaa) {
      int cases = u4(b, code + old + 8) - u4(b, code + old + 4) + 1;
      for (int i = 0; i < cases; i++) {
        back |= u4(b, code + old + 12 + 4 * i) <= 0;
      }
    } else {
      int pairs = u4(b, code + old + 4);
      for (int i = 0; i < pairs; i++) {
        back |= u4(b, code + old + 12 + 8 * i) <= 0;
      }
    }
    return back;
  }

  /** As {@link MethodMeter}'s invoke: own methods as they are, JDK calls priced and charged. */
  private byte[][] invoke(int bci) {
    MemberRefEntry reference = (MemberRefEntry) pool.entryByIndex(u2(b, code + bci + 1));
    String ownerName = reference.owner().asInternalName();
    boolean array = ownerName.startsWith("[");
    String owner =
        array ? ClassCheck.internalName(reference.owner().asSymbol()).orElse("") : ownerName;
    String name = reference.name().stringValue();
    String descriptor = reference.type().stringValue();
    String pricedAs = owner;
    if (classes.isOwn(owner)) {
      Set<String> ancestors = classes.inheritedFrom(owner, name, descriptor, false);
      if (ancestors.isEmpty()) {
        return new byte[][] {NONE, NONE, NONE};
      }
      pricedAs = ancestors.iterator().next();
    }
    Optional<PricedCalls.Price> price = PricedCalls.of(pricedAs, name, descriptor);
    byte[] pre = NONE;
    byte[] mid = NONE;
    if (price.isPresent() && price.get().replaces()) {
      mid =
          new Bytes(3)
              .call(gas.replacement(price.get().replacement(), price.get().descriptor()))
              .toArray();
    } else if (array || price.isPresent()) {
      Bytes prefix = new Bytes(16);
      if (array && name.equals("clone")) {
        prefix.u1(0x59).call(gas.ref(Target.COPYING)); // dup: the array
        extraStack = Math.max(extraStack, 1);
      }
      if (price.isPresent()) {
        prefix.u1(0x59); // dup: the size
        loadConstant(prefix, price.get().elementBytes());
        prefix.call(gas.ref(Target.RESERVE));
        extraStack = Math.max(extraStack, 2);
      }
      pre = prefix.toArray();
    }
    return new byte[][] {
      pre, mid, chargeResult(descriptor.substring(descriptor.lastIndexOf(')') + 1))
    };
  }

  /** As {@link JdkBridges}: concatenation charged for its result; bridged lambdas unsupported. */
  private byte[] invokeDynamic(int bci) {
    InvokeDynamicEntry entry = (InvokeDynamicEntry) pool.entryByIndex(u2(b, code + bci + 1));
    var factory = entry.bootstrap().bootstrapMethod().reference().owner().name();
    if (factory.equalsString(JdkBridges.CONCAT_FACTORY)) {
      return chargeResult("Ljava/lang/String;");
    } else if (factory.equalsString(JdkBridges.LAMBDA_FACTORY)) {
      List<LoadableConstantEntry> arguments = entry.bootstrap().arguments();
      if (arguments.size() > 1
          && arguments.get(1) instanceof MethodHandleEntry target
          && !classes.isOwn(target.reference().owner().asInternalName())) {
        throw new DirectMeter.Unsupported("a lambda that may need a JDK bridge");
      }
    }
    return NONE;
  }

  private byte[] chargeResult(String descriptor) {
    Target target = GasCalls.resultCharge(descriptor);
    if (target == null) {
      return NONE;
    }
    extraStack = Math.max(extraStack, 1);
    return gas.charge(target);
  }

  private byte[] chargeArray(int elementBytes) {
    extraStack = Math.max(extraStack, 2);
    Bytes prefix = new Bytes(8).u1(0x59); // dup: the length
    loadConstant(prefix, elementBytes);
    return prefix.call(gas.ref(Target.NEW_ARRAY)).toArray();
  }

  private byte[] tick() {
    return gas.tick();
  }

  /** What {@code CodeBuilder.loadConstant(int)} emits. */
  private void loadConstant(Bytes out, int value) {
    if (value >= -1 && value <= 5) {
      out.u1(0x03 + value);
    } else if (value == (byte) value) {
      out.u1(0x10).u1(value);
    } else if (value == (short) value) {
      out.u1(0x11).u2(value);
    } else {
      int index = gas.integer(value);
      if (index <= 0xff) {
        out.u1(0x12).u1(index);
      } else {
        out.u1(0x13).u2(index);
      }
    }
  }

  /** Bytes per element of a {@code newarray} of type code {@code type}, as MethodMeter charges. */
  private static int primitiveBytes(int type) {
    return switch (type) {
      case 4, 8 -> 1; // boolean, byte
      case 5, 9 -> 2; // char, short
      case 7, 11 -> 8; // double, long
      default -> 4;
    };
  }

  private int op(int bci) {
    return b[code + bci] & 0xff;
  }

  private int s2(int bci) {
    return (short) u2(b, code + bci);
  }

  /** Padding after a switch opcode at {@code bci}, so its operands start at a multiple of four. */
  private static int padding(int bci) {
    return 3 - (bci & 3);
  }

  /** The length of the instruction at {@code bci}. */
  private int size(int bci) {
    int op = op(bci);
    return switch (op) {
      case 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc -> 2;
      case 0x11,
          0x13,
          0x14,
          0x84,
          0xb2,
          0xb3,
          0xb4,
          0xb5,
          0xb6,
          0xb7,
          0xb8,
          0xbb,
          0xbd,
          0xc0,
          0xc1,
          0xc6,
          0xc7 ->
          3;
      case 0xb9, 0xba, 0xc8, 0xc9 -> 5;
      case 0xc5 -> 4;
      case 0xc4 -> op(bci + 1) == 0x84 ? 6 : 4;
      case 0xaa -> {
        int old = bci + 1 + padding(bci);
        long cases = (long) u4(b, code + old + 8) - u4(b, code + old + 4) + 1;
        if (cases < 0 || cases > length) {
          throw new DirectMeter.Unsupported("tableswitch bounds");
        }
        yield 1 + padding(bci) + 12 + 4 * (int) cases;
      }
      case 0xab -> {
        int pairs = u4(b, code + bci + 1 + padding(bci) + 4);
        if (pairs < 0 || pairs > length) {
          throw new DirectMeter.Unsupported("lookupswitch pairs");
        }
        yield 1 + padding(bci) + 8 + 8 * pairs;
      }
      default -> {
        if ((op >= 0x99 && op <= 0xa8)) {
          yield 3;
        }
        if (op <= 0x0f || (op >= 0x1a && op <= 0x35) || (op >= 0x3b && op <= 0x83)) {
          yield 1;
        }
        if ((op >= 0x85 && op <= 0x98) || (op >= 0xac && op <= 0xb1)) {
          yield 1;
        }
        if (op == 0xbe || op == 0xbf || op == 0xc2 || op == 0xc3) {
          yield 1;
        }
        throw new DirectMeter.Unsupported("opcode " + op);
      }
    };
  }

  /** The opcode itself, or {@link #SHORT_BRANCH} for every branch with a 16-bit offset. */
  private static int kind(int op) {
    return (op >= 0x99 && op <= 0xa7) || op == 0xc6 || op == 0xc7 ? SHORT_BRANCH : op;
  }
}
