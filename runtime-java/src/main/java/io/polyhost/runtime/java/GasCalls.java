package io.polyhost.runtime.java;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ConstantPoolBuilder;
import java.lang.classfile.constantpool.MethodRefEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Emits calls to {@link Gas}, and calls of JDK methods with their price: the charge before a priced
 * call (or the {@code Gas} method replacing it), the call itself, and the charge for the string or
 * array it returns.
 */
final class GasCalls {
  static final ClassDesc GAS = ClassDesc.of(Gas.class.getName());
  static final MethodTypeDesc ENTER = MethodTypeDesc.ofDescriptor("(I)I");
  static final MethodTypeDesc EXIT = MethodTypeDesc.ofDescriptor("(I)V");
  static final MethodTypeDesc TICK = MethodTypeDesc.ofDescriptor("()V");
  static final MethodTypeDesc CAUGHT = MethodTypeDesc.ofDescriptor("(Ljava/lang/Throwable;I)V");
  static final MethodTypeDesc NEW_ARRAY = MethodTypeDesc.ofDescriptor("(II)V");
  static final MethodTypeDesc DIMENSION = MethodTypeDesc.ofDescriptor("(JI)J");
  static final MethodTypeDesc NEW_ARRAYS = MethodTypeDesc.ofDescriptor("(J)V");
  static final MethodTypeDesc COPYING = MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;)V");

  /** Array results charged by their own {@code Gas.made} overload; other arrays as Object[]. */
  private static final Set<String> PRIMITIVE_ARRAYS = Set.of("[B", "[C", "[S", "[Z", "[I", "[J");

  /** The constant-pool entries of the {@link Gas} methods: found once per class, used often. */
  private final Map<String, MethodRefEntry> references = new HashMap<>();

  /** Emits the calls of one class, whose methods share a constant pool. */
  GasCalls() {}

  void call(CodeBuilder b, String method, MethodTypeDesc type) {
    ConstantPoolBuilder pool = b.constantPool();
    b.invokestatic(
        references.computeIfAbsent(
            method + type.descriptorString(), k -> pool.methodRefEntry(GAS, method, type)));
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
        call(b, "copying", COPYING);
      }
      if (price.isPresent()) {
        b.dup();
        b.loadConstant(price.get().elementBytes());
        call(b, "reserve", NEW_ARRAY);
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
    String descriptor = type.descriptorString();
    if (descriptor.equals("Ljava/lang/String;")) {
      b.dup();
      call(b, "made", MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String));
    } else if (type.isArray() && !descriptor.equals("[F") && !descriptor.equals("[D")) {
      ClassDesc parameter =
          PRIMITIVE_ARRAYS.contains(descriptor) ? type : ConstantDescs.CD_Object.arrayType();
      b.dup();
      call(b, "made", MethodTypeDesc.of(ConstantDescs.CD_void, parameter));
    }
  }
}
