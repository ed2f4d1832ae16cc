package io.polyhost.runtime.java;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.FieldModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link BytecodePolicy}'s check of one class: its supertypes, fields and signatures, then
 * every instruction of every method, adding a {@link PolicyViolation} for each thing it refuses.
 */
final class ClassCheck {
  static final String FLOATING_POINT =
      "floating point is not allowed: results differ in NaN bits between CPUs; use long,"
          + " BigInteger or BigDecimal";

  private final ClassModel model;
  private final ArtifactClasses classes;
  private final List<PolicyViolation> out;
  private final String self;

  /**
   * What this class has already passed, to check once and not at every use: descriptors ({@link
   * #signature}) and bootstrap-method entries, by index (an entry holds the bootstrap method and
   * its arguments; a class's string concatenations all share one). Only what passed is kept, so
   * every place that breaks a rule is still reported.
   */
  private final Set<String> passedSignatures = new HashSet<>();

  private final Set<Integer> passedBootstraps = new HashSet<>();

  private String method = "-";
  private int line = -1;

  ClassCheck(ClassModel model, ArtifactClasses classes, List<PolicyViolation> out) {
    this.model = model;
    this.classes = classes;
    this.out = out;
    this.self = model.thisClass().asInternalName();
  }

  void run() {
    model.superclass().ifPresent(c -> type(c.asSymbol()));
    model.interfaces().forEach(c -> type(c.asSymbol()));
    for (FieldModel field : model.fields()) {
      method = "-";
      line = -1;
      ClassDesc type = field.fieldTypeSymbol();
      type(type);
      if (isFloat(type)) {
        report(
            self + "." + field.fieldName().stringValue() + ":" + field.fieldType(), FLOATING_POINT);
      }
    }
    for (MethodModel m : model.methods()) {
      method = m.methodName().stringValue() + m.methodType().stringValue();
      line = -1;
      checkMethod(m);
    }
  }

  private void checkMethod(MethodModel m) {
    if (m.flags().has(AccessFlag.SYNCHRONIZED)) {
      report(method, "synchronized methods take a monitor: artifact code is single-threaded");
    }
    if (m.flags().has(AccessFlag.NATIVE)) {
      report(method, "native methods run outside the JVM's checks");
    }
    if (method.equals("finalize()V")) {
      report(method, "finalizers run when the collector decides, differently on every node");
    }
    signature(() -> method, m.methodType().stringValue());
    boolean initializer = m.methodName().equalsString("<clinit>");
    if (m.code().isPresent()) {
      // Only a method that could be left unmetered needs its shape known.
      boolean candidate = UnmeteredMethods.mayQualify(m);
      StraightLine shape = new StraightLine();
      if (!candidate) {
        m.code().get().forEach(element -> element(element, initializer)); // not an iterator
      } else {
        m.code()
            .get()
            .forEach(element -> {
              element(element, initializer);
              shape.accept(element);
            });
      }
      if (candidate && shape.holds()) {
        classes.noteStraightLine(self, m.methodName().stringValue(), m.methodType().stringValue());
      }
    }
  }

  private void element(CodeElement element, boolean initializer) {
    switch (element) {
      case LineNumber n -> line = n.line();
      case ExceptionCatch c -> c.catchType().ifPresent(t -> type(t.asSymbol()));
      case Instruction i -> instruction(i, initializer);
      default -> {}
    }
  }

  private void instruction(Instruction instruction, boolean initializer) {
    if (isFloatInstruction(instruction)) {
      report(instruction.opcode().name(), FLOATING_POINT);
    }
    // By the opcode's kind, which says the instruction's interface: cheaper than matching types.
    switch (instruction.opcode().kind()) {
      case INVOKE -> {
        InvokeInstruction i = (InvokeInstruction) instruction;
        String descriptor = i.type().stringValue();
        String name = i.name().stringValue();
        member(i.owner(), name, descriptor, false);
        signature(() -> reference(i.owner(), name, descriptor), descriptor);
      }
      case FIELD_ACCESS -> field((FieldInstruction) instruction, initializer);
      case INVOKE_DYNAMIC -> invokeDynamic((InvokeDynamicInstruction) instruction);
      case NEW_OBJECT -> type(((NewObjectInstruction) instruction).className().asSymbol());
      case NEW_REF_ARRAY ->
          type(((NewReferenceArrayInstruction) instruction).componentType().asSymbol());
      case NEW_MULTI_ARRAY -> type(((NewMultiArrayInstruction) instruction).arrayType().asSymbol());
      case TYPE_CHECK -> type(((TypeCheckInstruction) instruction).type().asSymbol());
      case MONITOR ->
          report(instruction.opcode().name(), "monitors: artifact code is single-threaded");
      case CONSTANT -> {
        if (instruction instanceof ConstantInstruction.LoadConstantInstruction c) {
          constant(c.constantEntry());
        }
      }
      default -> {}
    }
  }

  private void field(FieldInstruction f, boolean initializer) {
    String name = f.name().stringValue();
    member(f.owner(), name, f.type().stringValue(), true);
    if (isFloat(f.typeSymbol())) {
      report(reference(f.owner(), name, ":" + f.type().stringValue()), FLOATING_POINT);
    }
    if (f.opcode() == Opcode.PUTSTATIC
        && !(initializer && f.owner().asInternalName().equals(self))) {
      report(
          reference(f.owner(), name, ""),
          "a static field may be set only in its own class's <clinit>: otherwise it is state"
              + " shared by every instance and lost on restart");
    }
  }

  private void invokeDynamic(InvokeDynamicInstruction i) {
    int entry = i.invokedynamic().bootstrapMethodIndex();
    boolean passed = passedBootstraps.contains(entry);
    if (!passed && !isAllowedBootstrap(i)) {
      DirectMethodHandleDesc bootstrap = i.bootstrapMethod();
      String owner = internalName(bootstrap.owner()).orElse("?");
      report(
          owner + "." + bootstrap.methodName(),
          "invokedynamic is allowed only for lambdas, string concatenation, records and switches");
      return;
    }
    signature(() -> "invokedynamic " + i.name().stringValue(), i.type().stringValue());
    if (!passed) {
      int before = out.size();
      bootstrapArguments(i.bootstrapArgs());
      if (out.size() == before) {
        passedBootstraps.add(entry);
      }
    }
  }

  /**
   * Whether the bootstrap method of {@code i} is allowed, read from its pool entries without making
   * symbols. The owner of a bootstrap method is a class, whose internal name is what {@link
   * #internalName} would give.
   */
  private static boolean isAllowedBootstrap(InvokeDynamicInstruction i) {
    MemberRefEntry reference = i.invokedynamic().bootstrap().bootstrapMethod().reference();
    return PolicyRules.isAllowedBootstrap(
        reference.owner().asInternalName(), reference.name().stringValue());
  }

  private void bootstrapArguments(List<? extends ConstantDesc> arguments) {
    for (ConstantDesc argument : arguments) {
      switch (argument) {
        case DirectMethodHandleDesc target -> {
          String owner = internalName(target.owner()).orElse("?");
          // JDK code can call what a handle names; such a method is always metered.
          classes.noteHandleTarget(owner, target.methodName(), target.lookupDescriptor());
          memberCheck(owner, target.methodName(), target.lookupDescriptor(), false);
          signature(
              () -> owner + "." + target.methodName(), target.invocationType().descriptorString());
        }
        case MethodTypeDesc type ->
            signature(() -> "method type " + type.descriptorString(), type.descriptorString());
        case ClassDesc type -> type(type);
        case DynamicConstantDesc<?> dynamic -> {
          DirectMethodHandleDesc bootstrap = dynamic.bootstrapMethod();
          String owner = internalName(bootstrap.owner()).orElse("?");
          if (PolicyRules.isAllowedConstantBootstrap(owner, bootstrap.methodName())) {
            type(dynamic.constantType());
            bootstrapArguments(dynamic.bootstrapArgsList());
          } else {
            report(owner + "." + bootstrap.methodName(), "dynamic constants are not allowed");
          }
        }
        case Double d -> report("constant " + d, FLOATING_POINT);
        case Float f -> report("constant " + f, FLOATING_POINT);
        default -> {}
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

  private void member(ClassEntry owner, String name, String descriptor, boolean isField) {
    internalName(owner.asSymbol()).ifPresent(o -> memberCheck(o, name, descriptor, isField));
  }

  /**
   * Checks a member of an artifact class against what it inherits from outside the artifact, and a
   * member of any other class against the allow-list.
   */
  private void memberCheck(String owner, String name, String descriptor, boolean isField) {
    Supplier<String> shown = () -> owner + "." + name + (isField ? "" : descriptor);
    if (!classes.isOwn(owner)) {
      PolicyRules.checkMember(owner, name, descriptor).ifPresent(r -> report(shown.get(), r));
      return;
    }
    Set<String> inherited = classes.inheritedFrom(owner, name, descriptor, isField);
    for (String ancestor : inherited) {
      PolicyRules.checkMemberOf(ancestor, name, descriptor).ifPresent(r -> report(shown.get(), r));
    }
  }

  /** Checks the classes a descriptor names, and that it has no floating point. */
  private void signature(Supplier<String> reference, String descriptor) {
    if (passedSignatures.contains(descriptor)) {
      return;
    }
    int before = out.size();
    boolean floating = false;
    for (int i = 0; i < descriptor.length(); i++) {
      char c = descriptor.charAt(i);
      if (c == 'L') {
        int end = descriptor.indexOf(';', i);
        type(descriptor.substring(i + 1, end));
        i = end;
      } else if (c == 'F' || c == 'D') {
        floating = true;
      }
    }
    if (floating) {
      report(reference.get(), FLOATING_POINT);
    }
    if (out.size() == before) {
      passedSignatures.add(descriptor);
    }
  }

  private void type(ClassDesc type) {
    internalName(type).ifPresent(this::type);
  }

  private void type(String internalName) {
    if (!classes.isOwn(internalName)) {
      PolicyRules.checkType(internalName).ifPresent(rule -> report(internalName, rule));
    }
  }

  private static boolean isFloat(ClassDesc type) {
    ClassDesc element = type;
    while (element.isArray()) {
      element = element.componentType();
    }
    String descriptor = element.descriptorString();
    return descriptor.equals("F") || descriptor.equals("D");
  }

  /**
   * Whether an opcode works on floating point, by {@link Opcode#ordinal}: 0 not known yet, 1 no, 2
   * yes. Filled in as opcodes are met (an answer depends only on the opcode, so threads that race
   * write the same value).
   */
  private static final byte[] FLOAT_OPCODES = new byte[Opcode.values().length];

  private static boolean isFloatInstruction(Instruction instruction) {
    Opcode opcode = instruction.opcode();
    if (opcode == Opcode.LDC
        || opcode == Opcode.LDC_W
        || opcode == Opcode.LDC2_W
        || opcode == Opcode.NEWARRAY) {
      return hasFloatType(instruction); // these depend on the operand, not the opcode
    }
    byte known = FLOAT_OPCODES[opcode.ordinal()];
    if (known == 0) {
      known = hasFloatType(instruction) ? (byte) 2 : (byte) 1;
      FLOAT_OPCODES[opcode.ordinal()] = known;
    }
    return known == 2;
  }

  private static boolean hasFloatType(Instruction instruction) {
    return switch (instruction) {
      case OperatorInstruction o -> isFloat(o.typeKind());
      case ConvertInstruction c -> isFloat(c.fromType()) || isFloat(c.toType());
      case LoadInstruction l -> isFloat(l.typeKind());
      case StoreInstruction s -> isFloat(s.typeKind());
      case ReturnInstruction r -> isFloat(r.typeKind());
      case ArrayLoadInstruction a -> isFloat(a.typeKind());
      case ArrayStoreInstruction a -> isFloat(a.typeKind());
      case ConstantInstruction c -> isFloat(c.typeKind());
      case NewPrimitiveArrayInstruction n -> isFloat(n.typeKind());
      default -> false;
    };
  }

  private static boolean isFloat(TypeKind kind) {
    return kind == TypeKind.FLOAT || kind == TypeKind.DOUBLE;
  }

  static Optional<String> internalName(ClassDesc type) {
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
    out.add(new PolicyViolation(self.replace('/', '.'), method, line, reference, rule));
  }
}
