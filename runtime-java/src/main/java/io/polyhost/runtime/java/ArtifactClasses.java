package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_JAR;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes of one artifact, parsed once, as the policy and the metering need them: which names
 * are the artifact's own, and what an own class inherits from the JDK.
 */
final class ArtifactClasses {
  /** The oldest class file version accepted: Java 8, the first without {@code jsr}/{@code ret}. */
  static final int OLDEST_VERSION = ClassFile.JAVA_8_VERSION;

  private final SortedMap<String, ClassModel> models;
  private final Map<String, Set<String>> inherited = new ConcurrentHashMap<>();
  private final Set<String> straightLine = ConcurrentHashMap.newKeySet();
  private final Set<String> handleTargets = ConcurrentHashMap.newKeySet();

  private ArtifactClasses(SortedMap<String, ClassModel> models) {
    this.models = Collections.unmodifiableSortedMap(models);
  }

  /**
   * Parses the class files among {@code entries} (entry name → bytes; other entries are ignored).
   *
   * @throws io.polyhost.api.error.ExecutionException with {@link JavaRuntimeError#INVALID_JAR} if a
   *     class file cannot be parsed, is older than Java 8, or is stored under another name
   */
  static ArtifactClasses parse(Map<String, byte[]> entries) {
    SortedMap<String, ClassModel> models = new TreeMap<>();
    ClassFile parser = ClassFile.of();
    entries.forEach((entry, bytes) -> {
      if (!entry.endsWith(".class")) {
        return;
      }
      ClassModel model;
      try {
        model = parser.parse(bytes);
      } catch (IllegalArgumentException e) {
        throw INVALID_JAR.exception(entry + " is not a valid class file: " + e.getMessage());
      }
      String name = model.thisClass().asInternalName();
      if (!entry.equals(name + ".class")) {
        throw INVALID_JAR.exception(
            entry + " holds class " + name + "; it must be " + name + ".class");
      }
      if (model.majorVersion() < OLDEST_VERSION) {
        throw INVALID_JAR.exception(
            entry + " is compiled for a Java older than 8; recompile with --release 17 or later");
      }
      models.put(name, model);
    });
    return new ArtifactClasses(models);
  }

  /** Every class, by internal name, in name order. */
  SortedMap<String, ClassModel> models() {
    return models;
  }

  /** Whether {@code internalName} is a class of the artifact. */
  boolean isOwn(String internalName) {
    return models.containsKey(internalName);
  }

  Optional<ClassModel> model(String internalName) {
    return Optional.ofNullable(models.get(internalName));
  }

  /**
   * Notes that method {@code owner.name descriptor} has straight-line code ({@link StraightLine}).
   * The {@link BytecodePolicy} notes it as it walks the code, so the code is parsed once for both.
   */
  void noteStraightLine(String owner, String name, String descriptor) {
    straightLine.add(owner + "." + name + descriptor);
  }

  /** Whether {@link #noteStraightLine} was called for the method; false if unknown. */
  boolean isStraightLine(String owner, String name, String descriptor) {
    return straightLine.contains(owner + "." + name + descriptor);
  }

  /**
   * Notes that a method handle of the artifact (a lambda's or a method reference's target) names
   * {@code owner.name descriptor}, through which JDK code can call it. The {@link BytecodePolicy}
   * notes every handle it allows; it refuses the rest, so these are all an artifact can have.
   */
  void noteHandleTarget(String owner, String name, String descriptor) {
    handleTargets.add(owner + "." + name + descriptor);
  }

  /** Whether a method handle of the artifact names the method; see {@link #noteHandleTarget}. */
  boolean isHandleTarget(String owner, String name, String descriptor) {
    return handleTargets.contains(owner + "." + name + descriptor);
  }

  /**
   * The supertypes outside the artifact from which class {@code own} may inherit member {@code
   * name}: empty if an artifact class on the way declares it. Methods are matched by name and
   * {@code descriptor}, fields ({@code field}) by name.
   */
  Set<String> inheritedFrom(String own, String name, String descriptor, boolean field) {
    String key = own + (field ? "#" : ".") + name + descriptor;
    Set<String> known = inherited.get(key);
    if (known == null) {
      known = findInheritedFrom(own, name, descriptor, field);
      inherited.put(key, known);
    }
    return known;
  }

  private Set<String> findInheritedFrom(String own, String name, String descriptor, boolean field) {
    Set<String> foreign = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.add(own);
    while (!todo.isEmpty()) {
      String type = todo.poll();
      if (!seen.add(type)) {
        continue;
      }
      ClassModel model = models.get(type);
      if (model == null) {
        foreign.add(type);
        continue;
      }
      if (declares(model, name, descriptor, field)) {
        return Set.of();
      }
      model.superclass().map(ClassEntry::asInternalName).ifPresent(todo::add);
      model.interfaces().forEach(i -> todo.add(i.asInternalName()));
    }
    return Collections.unmodifiableSet(foreign); // in search order, which the metering relies on
  }

  /** Whether own class {@code type} is, or extends or implements, {@code supertype}. */
  boolean isSubtype(String type, String supertype) {
    return isSubtypeOfAny(type, Set.of(supertype));
  }

  /** Whether own class {@code type} is, or extends or implements, any of {@code supertypes}. */
  boolean isSubtypeOfAny(String type, Set<String> supertypes) {
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.add(type);
    while (!todo.isEmpty()) {
      String current = todo.poll();
      if (supertypes.contains(current)) {
        return true;
      }
      ClassModel model = models.get(current);
      if (model != null && seen.add(current)) {
        model.superclass().map(ClassEntry::asInternalName).ifPresent(todo::add);
        model.interfaces().forEach(i -> todo.add(i.asInternalName()));
      }
    }
    return false;
  }

  private static boolean declares(ClassModel model, String name, String descriptor, boolean field) {
    if (field) {
      for (FieldModel f : model.fields()) {
        if (f.fieldName().equalsString(name)) {
          return true;
        }
      }
      return false;
    }
    for (MethodModel m : model.methods()) {
      if (m.methodName().equalsString(name) && m.methodType().equalsString(descriptor)) {
        return true;
      }
    }
    return false;
  }
}
