package io.polyhost.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.UninitializedVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.VerificationTypeInfo;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Editing a class's bytes ({@link DirectMeter}) meters exactly as the classfile transform ({@link
 * MethodMeter}) does: per method the same instructions at the same offsets, the same line numbers,
 * local variable ranges and stack-map frames; and the edited classes pass the JVM's verifier.
 */
class DirectMeterTest {
  private static final String SHAPES =
      """
      package fx;
      import java.util.*;
      import java.util.function.*;
      import java.util.stream.*;
      public class Shapes {
        private final long[] data = new long[8];
        private int count;
        public Shapes(int n) { this.count = n > 0 ? n : -n; for (int i = 0; i < n; i++) count++; }
        public static String m0(long x, String s) {
          long y = x * 3 + 1;
          for (int k = 0; k < 3; k++) { y += k * x; }
          return s + "m0:" + y + (y > 7 ? "big" : "small");
        }
        public long sum(int n) { long t = 0; for (int i = 0; i < n; i++) t += data[i % data.length]; return t; }
        public String dense(int k) {
          switch (k) { case 1: return "one"; case 2: return "two"; case 3: return "three"; default: return "many"; }
        }
        public String sparse(int k) { return switch (k) { case 1 -> "a"; case 1000 -> "b"; case -5 -> "c"; default -> "d"; }; }
        public int loopSwitch(int n) {
          int s = 0;
          for (int i = 0; i < n; i++) {
            switch (i % 4) { case 0 -> s += 1; case 1 -> s += 2; case 2 -> s += 3; default -> s += 4; }
          }
          do { s--; } while (s > 100);
          return s;
        }
        public int[] arrays(int n) {
          int[] a = new int[n]; byte[] b = new byte[n]; Object[] o = new Object[n]; char[] c = new char[2];
          long[] l = a.length > 2 ? new long[3] : null;
          int[] d = a.clone();
          System.arraycopy(a, 0, d, 0, n);
          return d.length > b.length + o.length + c.length ? d : a;
        }
        public String text(String s, int n) {
          StringBuilder sb = new StringBuilder();
          sb.append(s).append((Object) s).append(n).append((CharSequence) s);
          return s.repeat(n) + sb + String.valueOf(n).toCharArray().length + s.getBytes().length;
        }
        public List<String> lists(int n) {
          List<String> l = new ArrayList<>(Collections.nCopies(n, "x"));
          l.addAll(List.of("a"));
          return l;
        }
        public long streams(int n) { return IntStream.range(0, n).sum() + LongStream.rangeClosed(1, n).count(); }
        public Object lambdas() {
          Supplier<String> s = () -> "own" + count;
          IntUnaryOperator f = x -> x + count;
          return s.get() + f.applyAsInt(3);
        }
        public Object made(int a) { return new Shapes(a > 0 ? 1 : 2); }
        public long wide(long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7) {
          long w0 = a0, w1 = a1, w2 = a2, w3 = a3, w4 = a4, w5 = a5, w6 = a6, w7 = a7;
          long[] many = new long[4];
          for (int i = 0; i < 3; i++) { w0 += w1 + w2 + w3 + w4 + w5 + w6 + w7 + many[i]; }
          return w0;
        }
        public static String longFrames(int a, String s) {
          String t = s;
      @LONG@
          return t;
        }
      }
      """;

  private static final String SUB =
      """
      package fx;
      public final class Sub extends Shapes {
        private final String name;
        public Sub(int n, String name) { super(n > 3 ? n * 2 : n); this.name = name + n; }
        @Override public long sum(int n) { long s = super.sum(n); while (s > 10) s -= 3; return s + name.length(); }
        static int small(int a) { return a + 1; }
        static int guarded(int a) { try { return 10 / a; } catch (ArithmeticException e) { return -1; } }
      }
      """;

  @Test
  void editedBytesMeterLikeTheTransform() throws Exception {
    Map<String, byte[]> entries = compile();
    ArtifactClasses classes = ArtifactClasses.parse(entries);
    BytecodePolicy.check(classes); // notes straight-line methods and handle targets
    Map<String, byte[]> viaTransform = new Instrumenter(classes, false).instrument(entries);
    Map<String, byte[]> direct = new Instrumenter(classes, true).instrument(entries);
    assertThat(direct.keySet()).isEqualTo(viaTransform.keySet());
    for (String name : entries.keySet()) {
      ClassModel expected = ClassFile.of().parse(viaTransform.get(name));
      ClassModel actual = ClassFile.of().parse(direct.get(name));
      assertThat(actual.methods()).hasSameSizeAs(expected.methods());
      for (int m = 0; m < expected.methods().size(); m++) {
        MethodModel want = expected.methods().get(m);
        MethodModel got = actual.methods().get(m);
        String where = name + " " + want.methodName() + want.methodType();
        assertThat(got.methodName().stringValue()).isEqualTo(want.methodName().stringValue());
        assertThat(describe(got)).as(where).isEqualTo(describe(want));
        if (want.code().isPresent()) {
          CodeAttribute w = (CodeAttribute) want.code().get();
          CodeAttribute g = (CodeAttribute) got.code().get();
          assertThat(g.maxLocals()).as(where).isEqualTo(w.maxLocals());
          assertThat(g.maxStack()).as(where).isGreaterThanOrEqualTo(w.maxStack());
        }
      }
    }
    loadAndVerify(direct);
  }

  @Test
  void classesWithoutHandlersAreEditedDirectly() {
    Map<String, byte[]> entries = compile();
    ArtifactClasses classes = ArtifactClasses.parse(entries);
    BytecodePolicy.check(classes);
    UnmeteredMethods unmetered = new UnmeteredMethods(classes);
    ClassModel shapes = classes.model("fx/Shapes").orElseThrow();
    ClassModel sub = classes.model("fx/Sub").orElseThrow();
    assertThat(
            DirectMeter.instrument(
                Objects.requireNonNull(entries.get("fx/Shapes.class")),
                shapes,
                metered(shapes, unmetered),
                classes))
        .isPresent();
    // A handler needs the stack level in a local: left to the transform.
    assertThat(
            DirectMeter.instrument(
                Objects.requireNonNull(entries.get("fx/Sub.class")),
                sub,
                metered(sub, unmetered),
                classes))
        .isEmpty();
  }

  private static Set<MethodModel> metered(ClassModel model, UnmeteredMethods unmetered) {
    Set<MethodModel> metered = Collections.newSetFromMap(new IdentityHashMap<>());
    for (MethodModel method : model.methods()) {
      if (method.code().isPresent() && !unmetered.canRunUnmetered(model, method)) {
        metered.add(method);
      }
    }
    return metered;
  }

  private static Map<String, byte[]> compile() {
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      // Branch targets close together, so the edits push frame offsets apart (compact frames grow).
      chain.append(
          "    if (a > %d) { t = t.concat(\"p\") + a; t = t.substring(1) + t.length() + \"q%d\"; }\n"
              .formatted(i, i));
      chain.append("    if (a == %d) return t.trim() + s.strip();\n".formatted(i));
    }
    Map<String, String> sources = new TreeMap<>();
    sources.put("fx.Shapes", SHAPES.replace("@LONG@", chain));
    sources.put("fx.Sub", SUB);
    return FixtureCompiler.compile(sources);
  }

  /** A method's code as text: offsets, instructions, branch targets, lines, locals and frames. */
  private static List<String> describe(MethodModel method) {
    List<String> out = new ArrayList<>();
    if (method.code().isEmpty()) {
      return out;
    }
    CodeModel code = method.code().get();
    CodeAttribute attribute = (CodeAttribute) code;
    int bci = 0;
    for (CodeElement element : code) {
      switch (element) {
        case BranchInstruction b ->
            out.add(bci + " " + b.opcode() + " -> " + attribute.labelToBci(b.target()));
        case TableSwitchInstruction s ->
            out.add(bci + " " + s.opcode() + targets(attribute, s.defaultTarget(), s.cases()));
        case LookupSwitchInstruction s ->
            out.add(bci + " " + s.opcode() + targets(attribute, s.defaultTarget(), s.cases()));
        case Instruction i -> out.add(bci + " " + i);
        case LineNumber n -> out.add("line " + n.line() + " at " + bci);
        case LocalVariable v ->
            out.add(
                "local "
                    + v.name()
                    + " "
                    + attribute.labelToBci(v.startScope())
                    + ".."
                    + attribute.labelToBci(v.endScope()));
        default -> {}
      }
      if (element instanceof Instruction i) {
        bci += i.sizeInBytes();
      }
    }
    code.findAttribute(Attributes.stackMapTable())
        .ifPresent(table -> {
          for (StackMapFrameInfo frame : table.entries()) {
            out.add(
                "frame at "
                    + attribute.labelToBci(frame.target())
                    + " "
                    + types(attribute, frame.locals())
                    + " "
                    + types(attribute, frame.stack()));
          }
        });
    return out;
  }

  /** Verification types as text; an uninitialized one by the offset of its {@code new}. */
  private static List<String> types(CodeAttribute attribute, List<VerificationTypeInfo> types) {
    return types.stream()
        .map(t ->
            t instanceof UninitializedVerificationTypeInfo u
                ? "uninitialized@" + attribute.labelToBci(u.newTarget())
                : t.toString())
        .toList();
  }

  private static String targets(
      CodeAttribute attribute, java.lang.classfile.Label fallback, List<SwitchCase> cases) {
    StringBuilder out = new StringBuilder(" default -> " + attribute.labelToBci(fallback));
    for (SwitchCase c : cases) {
      out.append(", ")
          .append(c.caseValue())
          .append(" -> ")
          .append(attribute.labelToBci(c.target()));
    }
    return out.toString();
  }

  /** Defines and links every class, which runs the verifier (no initializer runs). */
  private static void loadAndVerify(Map<String, byte[]> classes) throws Exception {
    ClassLoader loader =
        new ClassLoader("direct-meter-test", DirectMeterTest.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name.replace('.', '/') + ".class");
            if (bytes == null) {
              throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
          }
        };
    for (String entry : classes.keySet()) {
      Class<?> type = Class.forName(entry.replace(".class", "").replace('/', '.'), false, loader);
      assertThat(type.getDeclaredConstructors()).isNotNull();
      assertThat(type.getDeclaredMethods()).isNotEmpty();
    }
  }
}
