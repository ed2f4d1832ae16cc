package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_JAR;

import io.polyhost.api.service.ServiceFactory;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Instruments an artifact's classes for metering when it is deployed, with {@code
 * java.lang.classfile}: every method charges {@link Gas} on entry, backward branches and exception
 * handlers, keeps the stack count, and pays for arrays and priced JDK calls ({@link MethodMeter}
 * does one method). Method references to JDK methods are routed through a small bridge method in
 * the class, so the JDK code they call is paid for per call too ({@link JdkBridges}).
 */
final class Instrumenter {
  /** Where the host's classes come from for stack-map computation: the JDK and the API. */
  private static final ClassHierarchyResolver HOST =
      ClassHierarchyResolver.ofResourceParsing(ServiceFactory.class.getClassLoader())
          .orElse(ClassHierarchyResolver.defaultResolver())
          .cached();

  private final ArtifactClasses classes;
  private final ClassFile classFile;

  Instrumenter(ArtifactClasses classes) {
    this.classes = classes;
    this.classFile =
        ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(ownHierarchy(classes).orElse(HOST)));
  }

  /**
   * Every class of the artifact instrumented, by JAR entry name; the other entries unchanged.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@link JavaRuntimeError#INVALID_JAR} if a
   *     class cannot be instrumented (its bytecode is malformed)
   */
  Map<String, byte[]> instrument(Map<String, byte[]> entries) {
    Map<String, byte[]> out = new TreeMap<>(entries);
    for (ClassModel model : classes.models().values()) {
      String name = model.thisClass().asInternalName();
      try {
        out.put(name + ".class", classFile.transformClass(model, new ClassMeter(model)));
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw INVALID_JAR.exception(
            name.replace('/', '.') + " cannot be instrumented for metering: " + e.getMessage());
      }
    }
    return out;
  }

  /** The artifact's own classes for stack-map computation, read from the parsed models. */
  private static ClassHierarchyResolver ownHierarchy(ArtifactClasses classes) {
    List<ClassDesc> interfaces = new ArrayList<>();
    Map<ClassDesc, ClassDesc> superclasses = new HashMap<>();
    for (ClassModel model : classes.models().values()) {
      ClassDesc self = model.thisClass().asSymbol();
      if (model.flags().has(AccessFlag.INTERFACE)) {
        interfaces.add(self);
      } else {
        superclasses.put(
            self, model.superclass().map(ClassEntry::asSymbol).orElse(ConstantDescs.CD_Object));
      }
    }
    return ClassHierarchyResolver.of(interfaces, superclasses);
  }

  /** The transform of one class: its methods' code, then the JDK bridges they needed. */
  private final class ClassMeter implements ClassTransform {
    private final JdkBridges bridges;

    ClassMeter(ClassModel model) {
      this.bridges = new JdkBridges(model, classes);
    }

    @Override
    public void accept(ClassBuilder builder, ClassElement element) {
      if (element instanceof MethodModel method && method.code().isPresent()) {
        CodeModel code = method.code().get();
        builder.transformMethod(
            method,
            (methodBuilder, methodElement) -> {
              if (methodElement instanceof CodeModel) {
                methodBuilder.transformCode(code, new MethodMeter(code, classes, bridges));
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
