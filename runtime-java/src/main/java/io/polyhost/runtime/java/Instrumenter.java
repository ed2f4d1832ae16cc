package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_JAR;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Instruments an artifact's classes for metering when it is deployed, with {@code
 * java.lang.classfile}: every method charges {@link Gas} on entry, backward branches and exception
 * handlers, keeps the stack count, and pays for arrays and priced JDK calls ({@link MethodMeter}
 * does one method); small straight-line methods only metered code can call are left as they are
 * ({@link UnmeteredMethods}). Method references to JDK methods are routed through a small bridge
 * method in the class, so the JDK code they call is paid for per call too ({@link JdkBridges}).
 *
 * <p>Most classes are metered by editing their bytes ({@link DirectMeter}), which inserts the same
 * calls at the same places without decoding and encoding every method; the rest go through the
 * classfile transform.
 */
final class Instrumenter {
  private final ArtifactClasses classes;
  private final UnmeteredMethods unmetered;
  private final ClassFile classFile;
  private final boolean direct;

  Instrumenter(ArtifactClasses classes) {
    this(classes, true);
  }

  /**
   * {@code direct} false sends every class through {@link MethodMeter}, for tests that compare the
   * two ways ({@link DirectMeter} is used where it can be otherwise).
   */
  Instrumenter(ArtifactClasses classes, boolean direct) {
    this.direct = direct;
    this.classes = classes;
    this.unmetered = new UnmeteredMethods(classes);
    // The frames are carried over from the original code (Frames), not computed.
    this.classFile = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
  }

  /**
   * Every class of the artifact instrumented, by JAR entry name; the other entries unchanged, and
   * so are classes without a method to meter ({@link UnmeteredMethods}).
   *
   * @throws io.polyhost.api.error.ExecutionException with {@link JavaRuntimeError#INVALID_JAR} if a
   *     class cannot be instrumented (its bytecode is malformed)
   */
  Map<String, byte[]> instrument(Map<String, byte[]> entries) {
    Map<String, byte[]> out = new TreeMap<>(entries);
    // Each class on its own, so in parallel: a deploy waits for this.
    classes.models().values().parallelStream()
        .map(model -> instrument(model, entries.get(model.thisClass().asInternalName() + ".class")))
        .flatMap(Optional::stream)
        .toList()
        .forEach(entry -> out.put(entry.getKey(), entry.getValue()));
    return out;
  }

  /** The class instrumented, or empty if it has no method to meter: its bytes stay as they are. */
  private Optional<Map.Entry<String, byte[]>> instrument(
      ClassModel model, byte @Nullable [] original) {
    // Decided once per method: the decision looks up the code attribute and the policy's notes.
    Set<MethodModel> metered = Collections.newSetFromMap(new IdentityHashMap<>());
    for (MethodModel method : model.methods()) {
      if (method.code().isPresent() && !unmetered.canRunUnmetered(model, method)) {
        metered.add(method);
      }
    }
    if (metered.isEmpty()) {
      return Optional.empty();
    }
    String name = model.thisClass().asInternalName();
    // Edited in place where it can be (most classes); the same metering either way.
    Optional<byte[]> edited =
        direct && original != null
            ? DirectMeter.instrument(original, model, metered, classes)
            : Optional.empty();
    if (edited.isPresent()) {
      return Optional.of(Map.entry(name + ".class", edited.get()));
    }
    try {
      byte[] bytes = classFile.transformClass(model, new ClassMeter(model, metered));
      return Optional.of(Map.entry(name + ".class", bytes));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw INVALID_JAR.exception(
          name.replace('/', '.') + " cannot be instrumented for metering: " + e.getMessage());
    }
  }

  /** The transform of one class: its methods' code, then the JDK bridges they needed. */
  private final class ClassMeter implements ClassTransform {
    private final GasCalls calls = new GasCalls();
    private final Set<MethodModel> metered;
    private final JdkBridges bridges;

    ClassMeter(ClassModel model, Set<MethodModel> metered) {
      this.metered = metered;
      this.bridges = new JdkBridges(model, classes, calls);
    }

    @Override
    public void accept(ClassBuilder builder, ClassElement element) {
      if (element instanceof MethodModel method && metered.contains(method)) {
        builder.transformMethod(
            method,
            (methodBuilder, methodElement) -> {
              if (methodElement instanceof CodeModel code) {
                methodBuilder.transformCode(code, new MethodMeter(code, classes, bridges, calls));
              } else {
                methodBuilder.with(methodElement);
              }
            });
      } else {
        builder.with(element);
      }
    }

    @Override
    public void atEnd(ClassBuilder builder) {
      bridges.addTo(builder);
    }
  }
}
