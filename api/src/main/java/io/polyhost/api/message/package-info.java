/**
 * Signed messages: how transactions travel from clients to nodes. A transaction is a {@code
 * CoreMessageProto} holding an {@code AnyTxProto}, wrapped with its author's Ed25519 key and
 * signature in a {@code SignedMessageProto}; its hash is the SHA-256 of the whole signed message.
 */
@NullMarked
package io.polyhost.api.message;

import org.jspecify.annotations.NullMarked;
