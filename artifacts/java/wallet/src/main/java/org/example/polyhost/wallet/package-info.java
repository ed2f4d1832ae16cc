/**
 * An example service: a token kept in wallets. A key creates its wallet, issues tokens to itself
 * and transfers them to other wallets; anyone can read a wallet together with a proof that a light
 * client checks against the validators' keys alone.
 *
 * <p>The examples live under {@code org.example.polyhost} rather than {@code io.polyhost}: the node
 * provides every class under {@code io.polyhost} itself and refuses artifact JARs that bring any.
 */
@NullMarked
package org.example.polyhost.wallet;

import org.jspecify.annotations.NullMarked;
