package io.polyhost.runtime.java;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes a class's method references to JDK methods through bridge methods of its own. A lambda
 * that calls a JDK method directly ({@code Integer::sum}, {@code ArrayList::new}) runs no artifact
 * code, so a JDK loop over it (a stream, {@code Map.computeIfAbsent}) would be free; through the
 * bridge every call ticks the meter and is priced like a direct call. Also charges string
 * concatenation for the string it makes.
 */
final class JdkBridges {
  static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";
  static final String CONCAT_FACTORY = "java/lang/invoke/StringConcatFactory";

  private final ClassDesc self;
  private final boolean isInterface;
  private final ArtifactClasses classes;
  private final GasCalls calls;
  private final Map<DirectMethodHandleDesc, String> bridges = new LinkedHashMap<>();

  JdkBridges(ClassModel model, ArtifactClasses classes, GasCalls calls) {
    this.self = model.thisClass().asSymbol();
    this.isInterface = model.flags().has(AccessFlag.INTERFACE);
    this.classes = classes;
    this.calls = calls;
  }

  /** Emits {@code indy}, bridged or charged if it needs to be. */
  void invokeDynamic(CodeBuilder b, InvokeDynamicInstruction indy) {
    // The factory's name from the pool entry, without making symbols of the call site.
    ClassEntry factory = indy.invokedynamic().bootstrap().bootstrapMethod().reference().owner();
    if (factory.name().equalsString(CONCAT_FACTORY)) {
      b.with(indy);
      calls.chargeResult(b, ConstantDescs.CD_String);
      return;
    }
    List<ConstantDesc> arguments =
        factory.name().equalsString(LAMBDA_FACTORY)
            ? new ArrayList<>(indy.bootstrapArgs())
            : List.of();
    if (arguments.size() > 1
        && arguments.get(1) instanceof DirectMethodHandleDesc target
        && needsBridge(target)) {
      String bridge = bridges.computeIfAbsent(target, t -> "polyhost$gas$" + bridges.size());
      arguments.set(
          1,
          MethodHandleDesc.ofMethod(
              isInterface
                  ? DirectMethodHandleDesc.Kind.INTERFACE_STATIC
                  : DirectMethodHandleDesc.Kind.STATIC,
              self,
              bridge,
              target.invocationType()));
      b.invokedynamic(
          DynamicCallSiteDesc.of(
              indy.bootstrapMethod(),
              indy.name().stringValue(),
              indy.typeSymbol(),
              arguments.toArray(ConstantDesc[]::new)));
    } else {
      b.with(indy);
    }
  }

  private boolean needsBridge(DirectMethodHandleDesc target) {
    String owner = ClassCheck.internalName(target.owner()).orElse("");
    return !classes.isOwn(owner)
        && switch (target.kind()) {
          case STATIC, INTERFACE_STATIC, VIRTUAL, INTERFACE_VIRTUAL, CONSTRUCTOR -> true;
          default -> false; // super calls and field handles are not what javac bridges to
        };
  }

  /** Adds the bridges the class's code asked for. */
  void addTo(ClassBuilder builder) {
    int flags =
        (isInterface ? ClassFile.ACC_PUBLIC : ClassFile.ACC_PRIVATE)
            | ClassFile.ACC_STATIC
            | ClassFile.ACC_SYNTHETIC;
    bridges.forEach((target, name) ->
        builder.withMethodBody(name, target.invocationType(), flags, b -> body(b, target)));
  }

  private void body(CodeBuilder b, DirectMethodHandleDesc target) {
    calls.call(b, GasCalls.Target.TICK);
    MethodTypeDesc type = target.invocationType();
    boolean constructor = target.kind() == DirectMethodHandleDesc.Kind.CONSTRUCTOR;
    if (constructor) {
      b.new_(target.owner());
      b.dup();
    }
    int slot = 0;
    for (ClassDesc parameter : type.parameterList()) {
      TypeKind kind = TypeKind.from(parameter);
      b.loadLocal(kind, slot);
      slot += kind.slotSize();
    }
    Opcode opcode =
        switch (target.kind()) {
          case STATIC, INTERFACE_STATIC -> Opcode.INVOKESTATIC;
          case INTERFACE_VIRTUAL -> Opcode.INVOKEINTERFACE;
          case CONSTRUCTOR -> Opcode.INVOKESPECIAL;
          default -> Opcode.INVOKEVIRTUAL;
        };
    calls.invoke(
        b,
        opcode,
        target.owner(),
        target.methodName(),
        MethodTypeDesc.ofDescriptor(target.lookupDescriptor()),
        target.isOwnerInterface(),
        ClassCheck.internalName(target.owner()).orElse(""));
    b.return_(TypeKind.from(type.returnType()));
  }
}
