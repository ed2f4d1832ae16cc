package io.polyhost.runtime.java;

import static java.lang.constant.ConstantDescs.CD_CallSite;
import static java.lang.constant.ConstantDescs.CD_MethodHandles_Lookup;
import static java.lang.constant.ConstantDescs.CD_MethodType;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Map;

/**
 * Class files javac would never write, built with {@code java.lang.classfile}: what a hostile
 * artifact could ship instead. Each is a class {@code Crafted} with a {@code public static Object
 * run()} (or {@code void loop()}) in the given package.
 */
final class CraftedClasses {
  private static final MethodTypeDesc RUN = MethodTypeDesc.of(CD_Object);

  private CraftedClasses() {}

  /** The JAR entry of {@code pkg.Crafted}. */
  static String entry(String pkg) {
    return pkg.replace('.', '/') + "/Crafted.class";
  }

  /** Java source of a {@code Crafted} stub, so the service compiles against it. */
  static Map<String, String> stub(String pkg) {
    return Map.of(
        pkg + ".Crafted",
        "package "
            + pkg
            + "; public final class Crafted {"
            + " public static Object run() { return null; }"
            + " public static void loop() {} }");
  }

  /** {@code run()} links an invokedynamic through a bootstrap method of its own class. */
  static byte[] ownBootstrap(String pkg) {
    ClassDesc self = ClassDesc.of(pkg + ".Crafted");
    DirectMethodHandleDesc bootstrap =
        MethodHandleDesc.ofMethod(
            DirectMethodHandleDesc.Kind.STATIC,
            self,
            "boot",
            MethodTypeDesc.of(CD_CallSite, CD_MethodHandles_Lookup, CD_String, CD_MethodType));
    return ClassFile.of()
        .build(
            self,
            c ->
                c.withMethodBody(
                        "run",
                        RUN,
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        b -> {
                          b.invokedynamic(DynamicCallSiteDesc.of(bootstrap, "anything", RUN));
                          b.areturn();
                        })
                    .withMethodBody(
                        "boot",
                        bootstrap.invocationType(),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        b -> {
                          b.aconst_null();
                          b.areturn();
                        }));
  }

  /**
   * {@code run()} concatenates a dynamic constant whose bootstrap, {@code
   * ConstantBootstraps.invoke}, would call {@code System.exit(0)} while linking.
   */
  static byte[] exitWhileLinking(String pkg) {
    DirectMethodHandleDesc exit =
        MethodHandleDesc.ofMethod(
            DirectMethodHandleDesc.Kind.STATIC,
            ClassDesc.of("java.lang.System"),
            "exit",
            MethodTypeDesc.of(CD_void, CD_int));
    DynamicConstantDesc<Object> exiting =
        DynamicConstantDesc.ofNamed(ConstantDescs.BSM_INVOKE, "exit", CD_Object, exit, 0);
    DirectMethodHandleDesc concat =
        MethodHandleDesc.ofMethod(
            DirectMethodHandleDesc.Kind.STATIC,
            ClassDesc.of("java.lang.invoke.StringConcatFactory"),
            "makeConcatWithConstants",
            MethodTypeDesc.of(
                CD_CallSite,
                CD_MethodHandles_Lookup,
                CD_String,
                CD_MethodType,
                CD_String,
                CD_Object.arrayType()));
    return ClassFile.of()
        .build(
            ClassDesc.of(pkg + ".Crafted"),
            c ->
                c.withMethodBody(
                    "run",
                    RUN,
                    ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                    b -> {
                      b.invokedynamic(
                          DynamicCallSiteDesc.of(
                              concat, "concat", MethodTypeDesc.of(CD_String), "\u0002", exiting));
                      b.areturn();
                    }));
  }

  /** {@code run()} loads a method handle of {@code System.exit} as a constant. */
  static byte[] methodHandleConstant(String pkg) {
    return ClassFile.of()
        .build(
            ClassDesc.of(pkg + ".Crafted"),
            c ->
                c.withMethodBody(
                    "run",
                    RUN,
                    ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                    b -> {
                      b.loadConstant(
                          MethodHandleDesc.ofMethod(
                              DirectMethodHandleDesc.Kind.STATIC,
                              ClassDesc.of("java.lang.System"),
                              "exit",
                              MethodTypeDesc.of(CD_void, CD_int)));
                      b.areturn();
                    }));
  }

  /**
   * {@code loop()} spins in a loop whose exception handler covers itself and jumps back into the
   * loop: catch everything, try again. Metering must still get out.
   */
  static byte[] catchEverythingAndLoop(String pkg) {
    return ClassFile.of()
        .build(
            ClassDesc.of(pkg + ".Crafted"),
            c ->
                c.withMethodBody(
                        "run",
                        RUN,
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        b -> {
                          b.aconst_null();
                          b.areturn();
                        })
                    .withMethodBody(
                        "loop",
                        MethodTypeDesc.of(CD_void),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        b -> {
                          Label loop = b.newBoundLabel();
                          b.goto_(loop);
                          Label handler = b.newBoundLabel();
                          b.pop();
                          b.goto_(loop);
                          Label end = b.newBoundLabel();
                          b.exceptionCatchAll(loop, handler, handler);
                          b.exceptionCatchAll(handler, end, handler);
                        }));
  }
}
