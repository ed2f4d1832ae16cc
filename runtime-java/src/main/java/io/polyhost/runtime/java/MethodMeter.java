package io.polyhost.runtime.java;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metering of one method's code. On entry it charges one gas and adds the method's frame to the
 * stack count, keeping the level in a new local; every return gives the frame back; an exception
 * handler sets the count back to the level (the frames the exception unwound are gone) and charges
 * one. Each backward branch charges one, so every loop pays per iteration; so does every handler,
 * so a loop through exceptions pays too. Arrays pay for their size before they are allocated, JDK
 * calls as {@link GasCalls#invoke} prices them, and string concatenation for its result.
 */
final class MethodMeter implements CodeTransform {
  /**
   * What a frame costs beyond its locals and operand stack, in slots: the JVM's own frame data
   * (about 12 slots interpreted) and an allowance for the JDK frames between two artifact frames (a
   * lambda called back from a stream adds a dozen). With it, 32,768 slots stop recursion through a
   * stream at about 450 levels, where a 1 MiB thread stack would overflow at about 720.
   */
  static final int FRAME_OVERHEAD = 32;

  private final ArtifactClasses classes;
  private final JdkBridges bridges;
  private final GasCalls calls;
  private final CodeModel original;
  private final CodeAttribute originalAttribute;
  private final int frame;
  // Most methods have no handlers: these are made only for those that do.
  private final Set<Label> handlers;
  private final Map<Label, Integer> order;
  private final Map<Label, Label> afterHook;

  /** The positions in the original code of the labels met so far: a branch to one goes back. */
  private final BitSet bound = new BitSet();

  private int level = -1;

  MethodMeter(CodeModel code, ArtifactClasses classes, JdkBridges bridges, GasCalls calls) {
    this.classes = classes;
    this.bridges = bridges;
    this.calls = calls;
    this.original = code;
    CodeAttribute attribute = (CodeAttribute) code;
    this.originalAttribute = attribute;
    this.frame = attribute.maxLocals() + attribute.maxStack() + FRAME_OVERHEAD;
    List<ExceptionCatch> catches = code.exceptionHandlers();
    if (catches.isEmpty()) {
      this.handlers = Set.of();
      this.order = Map.of();
      this.afterHook = Map.of();
    } else {
      this.handlers = new HashSet<>();
      this.order = new HashMap<>();
      this.afterHook = new HashMap<>();
      for (ExceptionCatch handler : catches) {
        handlers.add(handler.handler());
      }
      for (CodeElement element : code) { // a second pass over the code, for these methods only
        if (element instanceof LabelTarget target) {
          order.putIfAbsent(target.label(), order.size());
        }
      }
    }
  }

  @Override
  public void atStart(CodeBuilder b) {
    b.loadConstant(frame);
    calls.call(b, GasCalls.Target.ENTER);
    if (handlers.isEmpty()) {
      b.pop(); // only handlers need the level
    } else {
      level = b.allocateLocal(TypeKind.INT);
      b.istore(level);
    }
  }

  @Override
  public void atEnd(CodeBuilder b) {
    Frames.carriedOver(original, level).ifPresent(b::with);
  }

  @Override
  public void accept(CodeBuilder b, CodeElement element) {
    switch (element) {
      case LabelTarget target -> {
        b.with(element);
        bound.set(originalAttribute.labelToBci(target.label()));
        if (!handlers.isEmpty() && handlers.contains(target.label())) { // no label hashing
          b.dup(); // the exception
          b.iload(level);
          calls.call(b, GasCalls.Target.CAUGHT);
          b.labelBinding(after(b, target.label()));
        }
      }
      case ExceptionCatch c -> uncoverHooks(b, c);
      case BranchInstruction branch -> {
        if (isBound(branch.target())) {
          calls.call(b, GasCalls.Target.TICK);
        }
        b.with(element);
      }
      case TableSwitchInstruction s -> {
        tickIfBackward(b, s.defaultTarget(), s.cases());
        b.with(element);
      }
      case LookupSwitchInstruction s -> {
        tickIfBackward(b, s.defaultTarget(), s.cases());
        b.with(element);
      }
      case ReturnInstruction r -> {
        b.loadConstant(frame);
        calls.call(b, GasCalls.Target.EXIT);
        b.with(element);
      }
      case NewPrimitiveArrayInstruction n -> {
        chargeArray(b, bytes(n.typeKind()));
        b.with(element);
      }
      case NewReferenceArrayInstruction n -> {
        chargeArray(b, 8);
        b.with(element);
      }
      case NewMultiArrayInstruction n -> multiArray(b, n);
      case InvokeInstruction i -> invoke(b, i);
      case InvokeDynamicInstruction i -> bridges.invokeDynamic(b, i);
      default -> b.with(element);
    }
  }

  /** Whether {@code label}, of the original code, was met before: a branch to it goes back. */
  private boolean isBound(Label label) {
    return bound.get(originalAttribute.labelToBci(label));
  }

  private int position(Label label) {
    Integer position = order.get(label);
    if (position == null) {
      throw new IllegalStateException("An exception range refers to an unbound label");
    }
    return position;
  }

  private Label after(CodeBuilder b, Label handler) {
    return afterHook.computeIfAbsent(handler, h -> b.newLabel());
  }

  /**
   * Emits {@code c} minus the handler hooks inside its range. A hook throws once the meter has
   * stopped; if a handler could catch that, code whose handler covers itself (javac emits such code
   * for a {@code finally} after an endless loop) would catch and rethrow forever.
   */
  private void uncoverHooks(CodeBuilder b, ExceptionCatch c) {
    int start = position(c.tryStart());
    int end = position(c.tryEnd());
    List<Label> inside =
        handlers.stream()
            .filter(h -> position(h) >= start && position(h) < end)
            .sorted(Comparator.comparingInt(this::position))
            .toList();
    Label from = c.tryStart();
    for (Label hook : inside) {
      if (!from.equals(hook)) {
        b.exceptionCatch(from, hook, c.handler(), c.catchType());
      }
      from = after(b, hook);
    }
    b.exceptionCatch(from, c.tryEnd(), c.handler(), c.catchType());
  }

  private void tickIfBackward(CodeBuilder b, Label fallback, List<SwitchCase> cases) {
    boolean backward = isBound(fallback);
    for (SwitchCase c : cases) {
      backward |= isBound(c.target());
    }
    if (backward) {
      calls.call(b, GasCalls.Target.TICK);
    }
  }

  /** Charges for an array whose length is on top of the stack, leaving the length there. */
  private void chargeArray(CodeBuilder b, int elementBytes) {
    b.dup();
    b.loadConstant(elementBytes);
    calls.call(b, GasCalls.Target.NEW_ARRAY);
  }

  /** Stores the dimensions, charges for their product, and puts them back. */
  private void multiArray(CodeBuilder b, NewMultiArrayInstruction n) {
    int count = n.dimensions();
    int[] locals = new int[count];
    for (int i = count - 1; i >= 0; i--) {
      locals[i] = b.allocateLocal(TypeKind.INT);
      b.istore(locals[i]);
    }
    b.lconst_1();
    for (int local : locals) {
      b.iload(local);
      calls.call(b, GasCalls.Target.DIMENSION);
    }
    calls.call(b, GasCalls.Target.NEW_ARRAYS);
    for (int local : locals) {
      b.iload(local);
    }
    b.with(n);
  }

  private void invoke(CodeBuilder b, InvokeInstruction i) {
    String ownerName = i.owner().asInternalName();
    // An array owner (clone() of an int[][]) is looked up by its element class.
    String owner =
        ownerName.startsWith("[")
            ? ClassCheck.internalName(i.owner().asSymbol()).orElse("")
            : ownerName;
    String name = i.name().stringValue();
    String descriptor = i.type().stringValue();
    String pricedAs = owner;
    if (classes.isOwn(owner)) {
      // An artifact class's own method meters itself; one it inherits from the JDK does not.
      Set<String> ancestors = classes.inheritedFrom(owner, name, descriptor, false);
      if (ancestors.isEmpty()) {
        b.with(i);
        return;
      }
      pricedAs = ancestors.iterator().next();
    }
    if (!ownerName.startsWith("[") && PricedCalls.of(pricedAs, name, descriptor).isEmpty()) {
      // The call as it is, then the charge for what it returns: what GasCalls.invoke would emit,
      // without making symbols and pool entries anew.
      b.with(i);
      calls.chargeResult(b, descriptor.substring(descriptor.lastIndexOf(')') + 1));
      return;
    }
    calls.invoke(
        b,
        i.opcode(),
        i.owner().asSymbol(),
        i.name().stringValue(),
        i.typeSymbol(),
        i.isInterface(),
        pricedAs);
  }

  private static int bytes(TypeKind kind) {
    return switch (kind) {
      case BYTE, BOOLEAN -> 1;
      case CHAR, SHORT -> 2;
      case LONG, DOUBLE -> 8;
      default -> 4;
    };
  }
}
