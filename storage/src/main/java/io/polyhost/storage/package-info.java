/** The Merkle database on RocksDB. */
@NullMarked
package io.polyhost.storage;

import org.jspecify.annotations.NullMarked;
