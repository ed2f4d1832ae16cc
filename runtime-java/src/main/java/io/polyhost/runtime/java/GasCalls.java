package io.polyhost.runtime.java;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.MethodRefEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Emits calls to {@link Gas}, and calls of JDK methods with their price: the charge before a priced
 * call (or the {@code Gas} method replacing it), the call itself, and the charge for the string or
 * array it returns.
 */
final class GasCalls {
  static final ClassDesc GAS = ClassDesc.of(Gas.class.getName());

  /**
   * The {@link Gas} methods the instrumentation calls, with their descriptors. A class's code calls
   * the same few many times, so their constant-pool entries are looked up once per class, by
   * position in this enum.
   */
  enum Target {
    ENTER("enter", "(I)I"),
    EXIT("exit", "(I)V"),
    TICK("tick", "()V"),
    CAUGHT("caught", "(Ljava/lang/Throwable;I)V"),
    NEW_ARRAY("newArray", "(II)V"),
    RESERVE("reserve", "(II)V"),
    DIMENSION("dimension", "(JI)J"),
    NEW_ARRAYS("newArrays", "(J)V"),
    COPYING("copying", "(Ljava/lang/Object;)V"),
    MADE_STRING("made", "(Ljava/lang/String;)V"),
    MADE_BYTES("made", "([B)V"),
    MADE_CHARS("made", "([C)V"),
    MADE_SHORTS("made", "([S)V"),
    MADE_BOOLEANS("made", "([Z)V"),
    MADE_INTS("made", "([I)V"),
    MADE_LONGS("made", "([J)V"),
    MADE_OBJECTS("made", "([Ljava/lang/Object;)V");

    private final String method;
    private final MethodTypeDesc type;

    Target(String method, String descriptor) {
      this.method = method;
      this.type = MethodTypeDesc.ofDescriptor(descriptor);
    }

    /** The {@link Gas} method's name. */
    String method() {
      return method;
    }

    /** The {@link Gas} method's descriptor. */
    String descriptor() {
      return type.descriptorString();
    }
  }

  private static final Target[] TARGETS = Target.values();

  /** Array results charged by their own {@code Gas.made} overload; other arrays as Object[]. */
  private static final Map<String, Target> ARRAY_RESULTS =
      Map.of(
          "[B", Target.MADE_BYTES,
          "[C", Target.MADE_CHARS,
          "[S", Target.MADE_SHORTS,
          "[Z", Target.MADE_BOOLEANS,
          "[I", Target.MADE_INTS,
          "[J", Target.MADE_LONGS);

  /** The constant-pool entries of the {@link Gas} methods, by target: found once per class. */
  private final @Nullable MethodRefEntry[] references = new MethodRefEntry[TARGETS.length];

  /** Emits the calls of one class, whose methods share a constant pool. */
  GasCalls() {}

  void call(CodeBuilder b, Target target) {
    MethodRefEntry reference = references[target.ordinal()];
    if (reference == null) {
      reference = b.constantPool().methodRefEntry(GAS, target.method, target.type);
      references[target.ordinal()] = reference;
    }
    b.invokestatic(reference);
  }

  /**
   * Emits the invocation {@code opcode owner.name type} of a JDK or host method, priced if {@link
   * PricedCalls} says so, followed by the charge for the string or array it returns. {@code
   * pricedAs} is the JDK class the price is looked up for: the owner itself, or the JDK superclass
   * an artifact class inherits the method from.
   */
  void invoke(
      CodeBuilder b,
      Opcode opcode,
      ClassDesc owner,
      String name,
      MethodTypeDesc type,
      boolean isInterface,
      String pricedAs) {
    Optional<PricedCalls.Price> price = PricedCalls.of(pricedAs, name, type.descriptorString());
    if (price.isPresent() && price.get().replaces()) {
      b.invokestatic(
          GAS, price.get().replacement(), MethodTypeDesc.ofDescriptor(price.get().descriptor()));
    } else {
      if (owner.isArray() && name.equals("clone")) {
        b.dup(); // the array, whose copy is paid for before it is made
        call(b, Target.COPYING);
      }
      if (price.isPresent()) {
        b.dup();
        b.loadConstant(price.get().elementBytes());
        call(b, Target.RESERVE);
      }
      switch (opcode) {
        case INVOKESTATIC -> b.invokestatic(owner, name, type, isInterface);
        case INVOKEVIRTUAL -> b.invokevirtual(owner, name, type);
        case INVOKEINTERFACE -> b.invokeinterface(owner, name, type);
        case INVOKESPECIAL -> b.invokespecial(owner, name, type, isInterface);
        default -> throw new IllegalArgumentException("not an invocation: " + opcode);
      }
    }
    chargeResult(b, type.returnType());
  }

  /** Charges the string or array of {@code type} on top of the stack, leaving it there. */
  void chargeResult(CodeBuilder b, ClassDesc type) {
    chargeResult(b, type.descriptorString());
  }

  /** {@link #chargeResult(CodeBuilder, ClassDesc)} for the type's {@code descriptor}. */
  void chargeResult(CodeBuilder b, String descriptor) {
    Target target = resultCharge(descriptor);
    if (target != null) {
      b.dup();
      call(b, target);
    }
  }

  /**
   * The {@code Gas.made} overload that charges a result of type {@code descriptor} (after a {@code
   * dup}), or null if such a result is not charged.
   */
  static @Nullable Target resultCharge(String descriptor) {
    if (descriptor.equals("Ljava/lang/String;")) {
      return Target.MADE_STRING;
    } else if (descriptor.startsWith("[") && !descriptor.equals("[F") && !descriptor.equals("[D")) {
      return ARRAY_RESULTS.getOrDefault(descriptor, Target.MADE_OBJECTS);
    }
    return null;
  }
}
