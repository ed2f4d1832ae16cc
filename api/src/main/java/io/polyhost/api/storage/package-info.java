/**
 * The storage interfaces a service sees: typed index views over its own namespace, and the
 * serializers that turn keys and values into bytes.
 *
 * <p>Key order is always the unsigned lexicographic order of the serialized key bytes.
 */
@NullMarked
package io.polyhost.api.storage;

import org.jspecify.annotations.NullMarked;
