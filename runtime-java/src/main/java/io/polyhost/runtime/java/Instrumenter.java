package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_JAR;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.util.Map;
import java.util.TreeMap;

/**
 * Instruments an artifact's classes for metering when it is deployed, with {@code
 * java.lang.classfile}: every method charges {@link Gas} on entry, backward branches and exception
 * handlers, keeps the stack count, and pays for arrays and priced JDK calls ({@link MethodMeter}
 * does one method); small straight-line methods only metered code can call are left as they are
 * ({@link UnmeteredMethods}). Method references to JDK methods are routed through a small bridge
 * method in the class, so the JDK code they call is paid for per call too ({@link JdkBridges}).
 */
final class Instrumenter {
  private final ArtifactClasses classes;
  private final UnmeteredMethods unmetered;
  private final ClassFile classFile;

  Instrumenter(ArtifactClasses classes) {
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
        .filter(this::needsMetering)
        .map(this::instrument)
        .toList()
        .forEach(entry -> out.put(entry.getKey(), entry.getValue()));
    return out;
  }

  private boolean needsMetering(ClassModel model) {
    for (MethodModel method : model.methods()) {
      if (isMetered(model, method)) {
        return true;
      }
    }
    return false; // its bytes stay as they are: no transform at all
  }

  private boolean isMetered(ClassModel model, MethodModel method) {
    return method.code().isPresent() && !unmetered.canRunUnmetered(model, method);
  }

  private Map.Entry<String, byte[]> instrument(ClassModel model) {
    String name = model.thisClass().asInternalName();
    try {
      return Map.entry(name + ".class", classFile.transformClass(model, new ClassMeter(model)));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw INVALID_JAR.exception(
          name.replace('/', '.') + " cannot be instrumented for metering: " + e.getMessage());
    }
  }

  /** The transform of one class: its methods' code, then the JDK bridges they needed. */
  private final class ClassMeter implements ClassTransform {
    private final GasCalls calls = new GasCalls();
    private final ClassModel model;
    private final JdkBridges bridges;

    ClassMeter(ClassModel model) {
      this.model = model;
      this.bridges = new JdkBridges(model, classes, calls);
    }

    @Override
    public void accept(ClassBuilder builder, ClassElement element) {
      if (element instanceof MethodModel method && isMetered(model, method)) {
        CodeModel code = method.code().get();
        builder.transformMethod(
            method,
            (methodBuilder, methodElement) -> {
              if (methodElement instanceof CodeModel) {
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
