package io.polyhost.api.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lists the ids of transactions a {@link Service} had in earlier versions and no longer has.
 *
 * <p>A call of a removed id fails with {@code CommonError.METHOD_REMOVED} rather than {@code
 * NO_SUCH_METHOD}, so clients learn that they need a newer interface, and the id stays reserved.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RemovedTransactions {
  /** The removed ids; none may be the id of a current {@link Transaction}. */
  int[] value();
}
