package io.polyhost.api.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a {@link Service} as a transaction (a method of the service's default
 * interface).
 *
 * <p>The method returns {@code void} and takes the {@link io.polyhost.api.runtime.ExecutionContext}
 * and the arguments: either the raw {@code byte[]}, or a generated protobuf message class, which
 * the runtime parses (arguments that do not parse fail with {@code
 * CommonError.MALFORMED_ARGUMENTS}). For example:
 *
 * <pre>{@code
 * @Transaction(id = 1, name = "transfer")
 * public void transfer(ExecutionContext context, TransferArgs arguments) { ... }
 * }</pre>
 *
 * <p>The id is what signed transactions carry, so it never changes and is never reused: when a
 * method is dropped, list its id in {@link RemovedTransactions}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Transaction {
  /** The method id: non-negative and unique within the service. */
  int id();

  /**
   * The method name clients see in the published interface, unique within the service and made of
   * {@code a-z A-Z 0-9 _}; empty means the Java method's name.
   */
  String name() default "";
}
