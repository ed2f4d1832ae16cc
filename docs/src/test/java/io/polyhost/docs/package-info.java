/** Tests that run the guides' commands. */
@NullMarked
package io.polyhost.docs;

import org.jspecify.annotations.NullMarked;
