package io.polyhost.runtime.java;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks an artifact's class files against the {@link PolicyRules} allow-list, instruction by
 * instruction, and reports every violation with its class, method, line and reference.
 *
 * <p>It walks instructions, not the constant pool: javac puts entries such as {@code
 * MethodHandles$Lookup} into the pool of any class that concatenates strings, which the code never
 * uses directly. Besides the allow-list it enforces rules for determinism: no {@code synchronized}
 * methods or monitors, no finalizers, no native methods, no writes to static fields outside {@code
 * <clinit>}, and invokedynamic only for lambdas, string concatenation, records and switches.
 */
final class BytecodePolicy {
  private BytecodePolicy() {}

  /**
   * The violations in {@code classFiles} (entry name → bytes; entries not ending in {@code .class}
   * are ignored), in class-name order; empty if the code is acceptable.
   *
   * @throws IllegalArgumentException if a class file cannot be parsed
   */
  static List<PolicyViolation> check(Map<String, byte[]> classFiles) {
    Map<String, byte[]> classes = new TreeMap<>();
    classFiles.forEach((name, bytes) -> {
      if (name.endsWith(".class")) {
        classes.put(name.substring(0, name.length() - ".class".length()), bytes);
      }
    });
    Set<String> own = classes.keySet();
    List<PolicyViolation> violations = new ArrayList<>();
    for (byte[] bytes : classes.values()) {
      new ClassCheck(ClassFile.of().parse(bytes), own, violations).run();
    }
    return violations;
  }

  /** {@code violations} one per line, for a deploy refusal. */
  static String describe(List<PolicyViolation> violations) {
    return violations.stream().map(PolicyViolation::toString).collect(Collectors.joining("\n"));
  }

  /** The check of one class. */
  private static final class ClassCheck {
    private final ClassModel model;
    private final String className;
    private final Set<String> own;
    private final List<PolicyViolation> out;
    private String method = "-";
    private int line = -1;

    ClassCheck(ClassModel model, Set<String> own, List<PolicyViolation> out) {
      this.model = model;
      this.className = model.thisClass().asInternalName().replace('/', '.');
      this.own = own;
      this.out = out;
    }

    void run() {
      model.superclass().ifPresent(c -> type(c.asSymbol()));
      model.interfaces().forEach(c -> type(c.asSymbol()));
      for (FieldModel field : model.fields()) {
        type(field.fieldTypeSymbol());
      }
      for (MethodModel m : model.methods()) {
        method = m.methodName().stringValue() + m.methodType().stringValue();
        line = -1;
        checkMethod(m);
      }
    }

    private void checkMethod(MethodModel m) {
      if (m.flags().has(AccessFlag.SYNCHRONIZED)) {
        report(method, "synchronized methods: artifact code is single-threaded");
      }
      if (m.flags().has(AccessFlag.NATIVE)) {
        report(method, "native methods are not allowed");
      }
      if (method.equals("finalize()V")) {
        report(method, "finalizers run at the collector's whim");
      }
      methodType(m.methodTypeSymbol());
      boolean initializer = m.methodName().equalsString("<clinit>");
      m.code().ifPresent(code -> code.forEach(element -> instruction(element, initializer)));
    }

    private void instruction(CodeElement element, boolean initializer) {
      switch (element) {
        case LineNumber n -> line = n.line();
        case InvokeInstruction i ->
            member(i.owner(), i.name().stringValue(), i.type().stringValue());
        case FieldInstruction f -> {
          member(f.owner(), f.name().stringValue(), f.type().stringValue());
          if (f.opcode() == Opcode.PUTSTATIC && !initializer) {
            report(
                reference(f.owner(), f.name().stringValue(), ""),
                "static fields may be written only in <clinit>: instances must not share state");
          }
        }
        case InvokeDynamicInstruction i -> invokeDynamic(i);
        case NewObjectInstruction n -> type(n.className().asSymbol());
        case NewReferenceArrayInstruction n -> type(n.componentType().asSymbol());
        case NewMultiArrayInstruction n -> type(n.arrayType().asSymbol());
        case TypeCheckInstruction t -> type(t.type().asSymbol());
        case ExceptionCatch c -> c.catchType().ifPresent(t -> type(t.asSymbol()));
        case MonitorInstruction mi ->
            report(mi.opcode().name(), "monitors: artifact code is single-threaded");
        case ConstantInstruction.LoadConstantInstruction c -> constant(c.constantEntry());
        default -> {}
      }
    }

    private void invokeDynamic(InvokeDynamicInstruction i) {
      DirectMethodHandleDesc bootstrap = i.bootstrapMethod();
      String owner = internalName(bootstrap.owner()).orElse("?");
      if (!PolicyRules.isAllowedBootstrap(owner)) {
        report(
            owner + "." + bootstrap.methodName(),
            "invokedynamic only for lambdas, string concatenation, records and switches");
        return;
      }
      methodType(i.typeSymbol());
      for (ConstantDesc argument : i.bootstrapArgs()) {
        if (argument instanceof DirectMethodHandleDesc target) {
          internalName(target.owner())
              .ifPresent(o -> memberCheck(o, target.methodName(), target.lookupDescriptor()));
        } else if (argument instanceof MethodTypeDesc type) {
          methodType(type);
        } else if (argument instanceof ClassDesc type) {
          type(type);
        }
      }
    }

    private void constant(LoadableConstantEntry entry) {
      if (entry instanceof ClassEntry type) {
        type(type.asSymbol());
      } else if (entry instanceof MethodHandleEntry
          || entry instanceof MethodTypeEntry
          || entry instanceof ConstantDynamicEntry) {
        report(entry.toString(), "method handle and dynamic constants are not allowed");
      }
    }

    private void member(ClassEntry owner, String name, String descriptor) {
      internalName(owner.asSymbol()).ifPresent(o -> memberCheck(o, name, descriptor));
    }

    private void memberCheck(String owner, String name, String descriptor) {
      PolicyRules.checkMember(owner, name, own)
          .ifPresent(rule -> report(owner + "." + name + descriptor, rule));
    }

    private void methodType(MethodTypeDesc type) {
      type(type.returnType());
      type.parameterList().forEach(this::type);
    }

    private void type(ClassDesc type) {
      internalName(type)
          .ifPresent(
              name -> PolicyRules.checkType(name, own).ifPresent(rule -> report(name, rule)));
    }

    private static Optional<String> internalName(ClassDesc type) {
      ClassDesc element = type;
      while (element.isArray()) {
        element = element.componentType();
      }
      String descriptor = element.descriptorString();
      return element.isPrimitive()
          ? Optional.empty()
          : Optional.of(descriptor.substring(1, descriptor.length() - 1));
    }

    private static String reference(ClassEntry owner, String name, String descriptor) {
      return owner.asInternalName() + "." + name + descriptor;
    }

    private void report(String reference, String rule) {
      out.add(new PolicyViolation(className, method, line, reference, rule));
    }
  }
}
