package io.polyhost.runtime.java;

import java.lang.classfile.CodeElement;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether one method's code, fed element by element in order, is straight-line: no backward branch
 * and no exception handler, so each instruction runs at most once; no call but to an empty JDK
 * constructor ({@code Object()}, {@code Record()}) and no {@code invokedynamic}, so it runs nothing
 * else; and no array allocation, whose size the metering charges. Such code can neither loop,
 * recurse nor allocate more than its own length allows ({@link UnmeteredMethods} decides the rest).
 */
final class StraightLine {
  private final Set<Label> bound = new HashSet<>();
  private boolean holds = true;

  void accept(CodeElement element) {
    if (!holds) {
      return;
    }
    switch (element) {
      case LabelTarget target -> bound.add(target.label());
      case BranchInstruction branch -> holds = !bound.contains(branch.target());
      case TableSwitchInstruction s -> holds = forward(s.defaultTarget(), s.cases());
      case LookupSwitchInstruction s -> holds = forward(s.defaultTarget(), s.cases());
      case ExceptionCatch c -> holds = false;
      case InvokeDynamicInstruction i -> holds = false;
      case InvokeInstruction i -> holds = isEmptyConstructor(i);
      case NewPrimitiveArrayInstruction n -> holds = false;
      case NewReferenceArrayInstruction n -> holds = false;
      case NewMultiArrayInstruction n -> holds = false;
      default -> {}
    }
  }

  boolean holds() {
    return holds;
  }

  private boolean forward(Label fallback, List<SwitchCase> cases) {
    if (bound.contains(fallback)) {
      return false;
    }
    for (SwitchCase c : cases) {
      if (bound.contains(c.target())) {
        return false;
      }
    }
    return true;
  }

  /** The constructors of {@code Object} and {@code Record}: empty, so calling them runs nothing. */
  private static boolean isEmptyConstructor(InvokeInstruction i) {
    String owner = i.owner().asInternalName();
    return i.name().equalsString("<init>")
        && i.type().equalsString("()V")
        && (owner.equals("java/lang/Object") || owner.equals("java/lang/Record"));
  }
}
