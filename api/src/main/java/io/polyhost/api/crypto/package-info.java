/** Hashes, Ed25519 keys and signatures, and their text forms. */
@NullMarked
package io.polyhost.api.crypto;

import org.jspecify.annotations.NullMarked;
