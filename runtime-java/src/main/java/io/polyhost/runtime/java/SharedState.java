package io.polyhost.runtime.java;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.FieldModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The policy's rule against state that outlives a call. All instances of an artifact share its
 * classes, and a node forgets everything in memory when it restarts, so anything kept in memory
 * from one call to the next makes nodes disagree. Such memory is reachable from two places: static
 * fields, and the fields of the objects the runtime keeps (the service objects, their factory, the
 * migration provider). Both may hold only values that cannot change:
 *
 * <ul>
 *   <li>{@linkplain PolicyRules#isValueType value types} of the JDK and the API, JDK enums,
 *       generated protobuf messages;
 *   <li>artifact enums, records and classes whose instance fields are all final and hold values;
 *   <li>for static fields only: collections made by an unmodifiable factory ({@code List.of},
 *       {@code Collections.unmodifiableMap}, ...) and functions from a lambda that captures
 *       nothing, each right before the field is set in {@code <clinit>}. Their elements should be
 *       values too; that is not checked.
 * </ul>
 *
 * Static fields written outside their class's {@code <clinit>} are refused by {@code ClassCheck}.
 */
final class SharedState {
  private static final Set<String> LONG_LIVED =
      Set.of(
          "io/polyhost/api/service/Service",
          "io/polyhost/api/service/ServiceFactory",
          "io/polyhost/api/service/MigrationProvider");

  private final ArtifactClasses classes;
  private final List<PolicyViolation> out;
  private final Map<String, Boolean> valueClasses = new HashMap<>();

  private SharedState(ArtifactClasses classes, List<PolicyViolation> out) {
    this.classes = classes;
    this.out = out;
  }

  /** Adds a violation to {@code out} for every field that could keep state between calls. */
  static void check(ArtifactClasses classes, List<PolicyViolation> out) {
    SharedState check = new SharedState(classes, out);
    for (ClassModel model : classes.models().values()) {
      check.staticFields(model);
      if (check.isLongLived(model)) {
        check.instanceFields(model);
      }
    }
  }

  private void staticFields(ClassModel model) {
    // Read from <clinit> only for a class that has a static field to judge (few have).
    Map<String, Initializer> initializers = null;
    for (FieldModel field : model.fields()) {
      if (!field.flags().has(AccessFlag.STATIC) || field.flags().has(AccessFlag.SYNTHETIC)) {
        continue; // javac's own ($VALUES, $SwitchMap$...) are never written after <clinit>
      }
      String fieldName = field.fieldName().stringValue();
      ClassDesc type = field.fieldTypeSymbol();
      if (isValue(type)) {
        continue;
      }
      String internal = internalName(type);
      if (initializers == null) {
        initializers = initializers(model);
      }
      Initializer init = initializers.get(fieldName);
      boolean collection = PolicyRules.isCollectionType(internal);
      boolean function = PolicyRules.isFunctionType(internal) || isOwnInterface(internal);
      if ((collection || function) && init != null && init.accepts(collection)) {
        continue;
      }
      report(
          model,
          init == null ? "-" : "<clinit>()V",
          init == null ? -1 : init.line(),
          name(model) + "." + fieldName + ":" + type.descriptorString(),
          collection
              ? "a static collection must be made unmodifiable right where it is set (List.of,"
                  + " Collections.unmodifiable...); otherwise it is state shared by every instance"
              : function
                  ? "a static function must be a lambda or method reference that captures nothing"
                  : "a static field may hold only values that never change (primitives, String,"
                      + " BigInteger, records and enums of values, protobuf messages); this one"
                      + " would be state shared by every instance and lost on restart");
    }
  }

  private boolean isLongLived(ClassModel model) {
    return classes.isSubtypeOfAny(name(model), LONG_LIVED);
  }

  /**
   * The fields of a long-lived class, and of its superclasses in the artifact that are not
   * long-lived themselves (those are reported on their own).
   */
  private void instanceFields(ClassModel start) {
    Set<String> seen = new HashSet<>();
    for (ClassModel model = start;
        model != null && seen.add(name(model));
        model = model.superclass().flatMap(c -> classes.model(c.asInternalName())).orElse(null)) {
      if (model == start || !isLongLived(model)) {
        finalValueFields(start, model);
      }
    }
  }

  private void finalValueFields(ClassModel reported, ClassModel model) {
    for (FieldModel field : model.fields()) {
      if (field.flags().has(AccessFlag.STATIC)) {
        continue;
      }
      if (!field.flags().has(AccessFlag.FINAL) || !isValue(field.fieldTypeSymbol())) {
        report(
            reported,
            "-",
            -1,
            name(model) + "." + field.fieldName().stringValue() + ":" + field.fieldType(),
            "the runtime keeps this object between calls, so its fields must be final and hold"
                + " values that never change; keep state in the service's indexes");
      }
    }
  }

  /** Whether a field of {@code type} can only ever hold unchangeable values. */
  private boolean isValue(ClassDesc type) {
    if (type.isPrimitive()) {
      return true;
    }
    if (type.isArray()) {
      return false;
    }
    String internal = internalName(type);
    return classes.isOwn(internal) ? isValueClass(internal) : PolicyRules.isValueType(internal);
  }

  private boolean isOwnInterface(String type) {
    return classes.model(type).map(m -> m.flags().has(AccessFlag.INTERFACE)).orElse(false)
        && classes.models().keySet().stream()
            .filter(c -> !c.equals(type) && classes.isSubtype(c, type))
            .allMatch(this::isValueClass);
  }

  /** An artifact class is a value if its own and its own superclasses' fields are final values. */
  private boolean isValueClass(String type) {
    Boolean known = valueClasses.get(type);
    if (known != null) {
      return known;
    }
    valueClasses.put(type, true); // a cycle of value classes is still made of values
    boolean value = computeValueClass(type, new HashSet<>());
    valueClasses.put(type, value);
    return value;
  }

  private boolean computeValueClass(String type, Set<String> seen) {
    ClassModel model = classes.model(type).orElse(null);
    if (model == null || !seen.add(type)) {
      return model == null ? PolicyRules.isValueType(type) || isNeutralBase(type) : true;
    }
    if (model.flags().has(AccessFlag.INTERFACE)) {
      return false;
    }
    String superName = model.superclass().map(ClassEntry::asInternalName).orElse("");
    if (superName.startsWith("com/google/protobuf/GeneratedMessage")) {
      return !superName.contains("Builder"); // generated messages are immutable once built
    }
    for (FieldModel field : model.fields()) {
      if (!field.flags().has(AccessFlag.STATIC)
          && (!field.flags().has(AccessFlag.FINAL) || !isValue(field.fieldTypeSymbol()))) {
        return false;
      }
    }
    return classes.isOwn(superName)
        ? computeValueClass(superName, seen)
        : isNeutralBase(superName) || PolicyRules.isValueType(superName);
  }

  /** JDK superclasses that add no state of their own. */
  private static boolean isNeutralBase(String type) {
    return type.equals("java/lang/Object")
        || type.equals("java/lang/Record")
        || type.equals("java/lang/Enum");
  }

  /** What each static field is set from in {@code <clinit>}: the instruction before the put. */
  private static Map<String, Initializer> initializers(ClassModel model) {
    Map<String, Initializer> found = new HashMap<>();
    String self = name(model);
    for (MethodModel method : model.methods()) {
      if (!method.methodName().equalsString("<clinit>") || method.code().isEmpty()) {
        continue;
      }
      Instruction previous = null;
      int line = -1;
      for (CodeElement element : method.code().get()) {
        if (element instanceof LineNumber n) {
          line = n.line();
        } else if (element instanceof Instruction instruction) {
          if (instruction instanceof FieldInstruction f
              && f.opcode() == Opcode.PUTSTATIC
              && f.owner().asInternalName().equals(self)) {
            Initializer init = new Initializer(previous, line);
            found.merge(f.name().stringValue(), init, Initializer::worse);
          }
          previous = instruction;
        }
      }
    }
    return found;
  }

  /** The instruction whose result a static field is set to, and its line. */
  private record Initializer(@Nullable Instruction source, int line) {
    boolean accepts(boolean collection) {
      if (source instanceof InvokeInstruction call) {
        String owner = call.owner().asInternalName();
        return collection
            ? PolicyRules.isUnmodifiableFactory(owner, call.name().stringValue())
            : PolicyRules.isFunctionType(owner);
      }
      return !collection
          && source instanceof InvokeDynamicInstruction lambda
          && lambda.typeSymbol().parameterCount() == 0
          && lambda.bootstrapMethod().owner().descriptorString().contains("LambdaMetafactory");
    }

    /** Of two writes of one field, the one to judge by: a field set twice is judged by both. */
    static Initializer worse(Initializer a, Initializer b) {
      return a.accepts(true) || a.accepts(false) ? b : a;
    }
  }

  private void report(ClassModel model, String method, int line, String reference, String rule) {
    out.add(new PolicyViolation(name(model).replace('/', '.'), method, line, reference, rule));
  }

  private static String name(ClassModel model) {
    return model.thisClass().asInternalName();
  }

  private static String internalName(ClassDesc type) {
    String descriptor = type.descriptorString();
    return descriptor.substring(1, descriptor.length() - 1);
  }
}
