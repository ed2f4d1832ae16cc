/**
 * An example of one service calling another: a payroll that pays several people from the signer's
 * wallet in one transaction, through child calls to the wallet service. Either every payment is
 * made or, if one fails, none is, and the payroll records nothing.
 *
 * <p>The examples live under {@code org.example.polyhost} rather than {@code io.polyhost}: the node
 * provides every class under {@code io.polyhost} itself and refuses artifact JARs that bring any.
 */
@NullMarked
package org.example.polyhost.payroll;

import org.jspecify.annotations.NullMarked;
