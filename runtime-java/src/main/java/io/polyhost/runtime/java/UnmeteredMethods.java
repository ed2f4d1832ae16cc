package io.polyhost.runtime.java;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.reflect.AccessFlag;
import java.util.Optional;

/**
 * The methods the metering leaves as they are: small ones that can neither run unboundedly nor
 * nest, and that only metered code can call. Instrumenting them costs deploy time (a getter's entry
 * and exit calls are most of its instructions) and run time, and buys nothing: every unbounded path
 * still passes through metered code.
 *
 * <p>A method qualifies if all of this holds:
 *
 * <ul>
 *   <li>Its code is straight-line ({@link StraightLine}): no loop, handler, call or array. So it
 *       runs at most {@link #MAX_CODE_BYTES} instructions, allocates no more than its length
 *       allows, and is the topmost frame while it runs.
 *   <li>Its frame, locals and operand stack, is at most {@link MethodMeter#FRAME_OVERHEAD} slots:
 *       the allowance its caller's counted frame carries for the frames above it, so the stack
 *       count still stops recursion before the JVM's stack overflows.
 *   <li>The JDK cannot call it: it is static, private or a constructor, and no method handle of the
 *       artifact (a lambda or method reference) names it. A JDK loop calling an unmetered method
 *       ({@code IntStream.iterate} with a counting lambda, a spliterator over an endless iterator)
 *       would otherwise run forever without a charge; JDK code can only reach methods that are not
 *       virtual through a handle.
 * </ul>
 *
 * Which methods qualify depends only on the artifact's bytecode, so gas stays the same on every
 * node. A call of such a method pays nothing of its own; its caller paid to get there.
 */
final class UnmeteredMethods {
  /** The longest code, in bytes, left unmetered: a constructor or accessor with a few fields. */
  static final int MAX_CODE_BYTES = 64;

  private final ArtifactClasses classes;

  /**
   * Decides over {@code classes}, which the {@link BytecodePolicy} has checked: the policy notes
   * the straight-line methods and the method handles on its way through the code. Without it, every
   * method is metered.
   */
  UnmeteredMethods(ArtifactClasses classes) {
    this.classes = classes;
  }

  /** Whether {@code method} of {@code owner} may run as it is, without metering. */
  boolean canRunUnmetered(ClassModel owner, MethodModel method) {
    if (!mayQualify(method)) {
      return false;
    }
    String self = owner.thisClass().asInternalName();
    String name = method.methodName().stringValue();
    String descriptor = method.methodType().stringValue();
    return classes.isStraightLine(self, name, descriptor)
        && !classes.isHandleTarget(self, name, descriptor);
  }

  /**
   * Whether {@code method} passes the tests that need no knowledge of the rest of the artifact:
   * small code and frame, and not virtual. Only such a method's code shape matters, so the policy
   * works it out for these alone.
   */
  static boolean mayQualify(MethodModel method) {
    Optional<CodeModel> code = method.code();
    if (code.isEmpty() || !(code.get() instanceof CodeAttribute attribute)) {
      return false;
    }
    if (attribute.codeLength() > MAX_CODE_BYTES
        || attribute.maxLocals() + attribute.maxStack() > MethodMeter.FRAME_OVERHEAD) {
      return false;
    }
    return method.flags().has(AccessFlag.STATIC)
        || method.flags().has(AccessFlag.PRIVATE)
        || method.methodName().equalsString("<init>");
  }
}
