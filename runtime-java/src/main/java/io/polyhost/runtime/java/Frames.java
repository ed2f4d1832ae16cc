package io.polyhost.runtime.java;

import java.lang.classfile.Attributes;
import java.lang.classfile.CodeModel;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.VerificationTypeInfo;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stack-map frames of instrumented code, carried over from the original instead of computed
 * anew (computing them is a third of the instrumentation's cost). The metering inserts only code
 * that leaves the operand stack as it found it at every branch target, so the original frames hold
 * at the same labels; the one new local that lives across frames, the stack level of a method with
 * exception handlers, is added to each frame as an {@code int}.
 */
final class Frames {
  private Frames() {}

  /**
   * The frames of {@code original} for its instrumented code; {@code levelSlot} is the slot of the
   * stack level, or negative if the method has none.
   */
  static Optional<StackMapTableAttribute> carriedOver(CodeModel original, int levelSlot) {
    return original
        .findAttribute(Attributes.stackMapTable())
        .map(table -> StackMapTableAttribute.of(withLevel(table.entries(), levelSlot)));
  }

  private static List<StackMapFrameInfo> withLevel(List<StackMapFrameInfo> frames, int slot) {
    if (slot < 0) {
      return frames;
    }
    List<StackMapFrameInfo> out = new ArrayList<>(frames.size());
    for (StackMapFrameInfo frame : frames) {
      List<VerificationTypeInfo> locals = new ArrayList<>(frame.locals());
      int used = 0;
      for (VerificationTypeInfo local : locals) {
        used +=
            local == SimpleVerificationTypeInfo.LONG || local == SimpleVerificationTypeInfo.DOUBLE
                ? 2
                : 1;
      }
      for (; used < slot; used++) {
        locals.add(SimpleVerificationTypeInfo.TOP);
      }
      locals.add(SimpleVerificationTypeInfo.INTEGER);
      out.add(StackMapFrameInfo.of(frame.target(), locals, frame.stack()));
    }
    return out;
  }
}
